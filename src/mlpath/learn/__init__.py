"""The learner model: the concept graph, mastery with spaced review, and the planner."""

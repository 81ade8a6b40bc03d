"""The local web app: read lessons, run and edit cells, check checkpoints, plan."""

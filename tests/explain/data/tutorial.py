"""Classifying tumours: scikit-learn first, then the same model from scratch with NumPy.

A hands-on walkthrough on the Wisconsin breast-cancer dataset that ships with scikit-learn.
We train a logistic-regression baseline, evaluate it properly, then rebuild it by hand with
gradient descent, and finish with a multiclass softmax model on the digits dataset.

Run it with:  python tutorial.py
"""

import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from scipy.special import softmax
from sklearn import metrics
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, roc_auc_score, roc_curve
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.preprocessing import StandardScaler

SEED = 0
rng = np.random.default_rng(SEED)

# ---------------------------------------------------------------------------
# 1. Load and inspect the data
# ---------------------------------------------------------------------------
cancer = load_breast_cancer()
X, y = cancer.data, cancer.target
feature_names = cancer.feature_names

print(f"{X.shape[0]} samples, {X.shape[1]} features")
print("class balance:", np.bincount(y) / len(y))

# Features live on wildly different scales -- look at the first few.
means, stds = X.mean(axis=0), X.std(axis=0)
for i in range(5):
    print(f"{feature_names[i]:>20s}  mean={means[i]:10.3f}  std={stds[i]:10.3f}")

# ---------------------------------------------------------------------------
# 2. Train/test split (stratified so both sets keep the class ratio)
# ---------------------------------------------------------------------------
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.25, stratify=y, random_state=SEED
)

# ---------------------------------------------------------------------------
# 3. Standardise. Fit the scaler on the training set ONLY.
# ---------------------------------------------------------------------------
scaler = StandardScaler()
X_train_std = scaler.fit_transform(X_train)
X_test_std = scaler.transform(X_test)

# ---------------------------------------------------------------------------
# 4. A scikit-learn baseline
# ---------------------------------------------------------------------------
clf = LogisticRegression(max_iter=1000)
clf.fit(X_train_std, y_train)

y_pred = clf.predict(X_test_std)
y_proba = clf.predict_proba(X_test_std)[:, 1]

print("accuracy :", metrics.accuracy_score(y_test, y_pred))
print("precision:", metrics.precision_score(y_test, y_pred))
print("recall   :", metrics.recall_score(y_test, y_pred))
print("F1       :", metrics.f1_score(y_test, y_pred))

cm = confusion_matrix(y_test, y_pred)
tn, fp, fn, tp = cm.ravel()
print(f"TN={tn} FP={fp} FN={fn} TP={tp}")

auc = roc_auc_score(y_test, y_proba)
fpr, tpr, thresholds = roc_curve(y_test, y_proba)
plt.plot(fpr, tpr, label=f"logistic regression (AUC = {auc:.3f})")
plt.plot([0, 1], [0, 1], "--", color="grey")
plt.xlabel("false positive rate")
plt.ylabel("true positive rate")
plt.legend()
plt.savefig("roc.png")

# 5-fold cross-validation gives a less noisy estimate than one split.
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
scores = cross_val_score(LogisticRegression(max_iter=1000), X_train_std, y_train, cv=cv)
print(f"CV accuracy: {scores.mean():.3f} +/- {scores.std():.3f}")


# ---------------------------------------------------------------------------
# 5. The same model from scratch: logistic regression by gradient descent
# ---------------------------------------------------------------------------
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def binary_cross_entropy(y_true, p, eps=1e-12):
    p = np.clip(p, eps, 1 - eps)
    return -np.mean(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))


# Prepend a column of ones so the bias is just another weight.
Xb = np.hstack([np.ones((X_train_std.shape[0], 1)), X_train_std])
n, d = Xb.shape

w = rng.normal(0, 0.01, size=d)
learning_rate = 0.1
history = []

for epoch in range(2000):
    p = sigmoid(Xb @ w)
    grad = Xb.T @ (p - y_train) / n  # gradient of the mean log loss
    w -= learning_rate * grad
    if epoch % 200 == 0:
        loss = binary_cross_entropy(y_train, p)
        history.append(loss)
        print(f"epoch {epoch:4d}  loss {loss:.4f}  |grad| {np.linalg.norm(grad):.2e}")

Xb_test = np.hstack([np.ones((X_test_std.shape[0], 1)), X_test_std])
y_pred_scratch = (sigmoid(Xb_test @ w) >= 0.5).astype(int)
print("from-scratch accuracy:", np.mean(y_pred_scratch == y_test))

# How close are our weights to scikit-learn's?  Compare directions with cosine similarity.
w_sklearn = np.concatenate([clf.intercept_, clf.coef_.ravel()])
cosine = np.dot(w, w_sklearn) / (np.linalg.norm(w) * np.linalg.norm(w_sklearn))
print(f"cosine(w_scratch, w_sklearn) = {cosine:.3f}")

# ---------------------------------------------------------------------------
# 6. Which features move together?
# ---------------------------------------------------------------------------
radius, perimeter = X[:, 0], X[:, 2]
r_matrix = np.corrcoef(radius, perimeter)
print("corr(radius, perimeter) =", r_matrix[0, 1])

r, p_value = stats.pearsonr(X[:, 0], X[:, 1])
print(f"radius vs texture: r = {r:.3f} (p = {p_value:.1e})")

# ---------------------------------------------------------------------------
# 7. Is mean radius really different between the classes?  Welch's t-test.
# ---------------------------------------------------------------------------
malignant = X[y == 0, 0]
benign = X[y == 1, 0]
t_stat, p_val = stats.ttest_ind(malignant, benign, equal_var=False)
print(f"t = {t_stat:.2f}, p = {p_val:.2e}")

# ---------------------------------------------------------------------------
# 8. A 2-D picture of 30-D data with PCA
# ---------------------------------------------------------------------------
pca = PCA(n_components=2)
X_2d = pca.fit_transform(X_train_std)
print("variance explained:", pca.explained_variance_ratio_.sum())

plt.figure()
plt.scatter(X_2d[:, 0], X_2d[:, 1], c=y_train, cmap="coolwarm", s=8)
plt.title("first two principal components")
plt.savefig("pca.png")


# ---------------------------------------------------------------------------
# 9. Multiclass: softmax regression on the digits
# ---------------------------------------------------------------------------
def stable_softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)  # subtract the row max so exp never overflows
    expZ = np.exp(Z)
    return expZ / expZ.sum(axis=1, keepdims=True)


digits = load_digits()
Xd = digits.data / 16.0
yd = digits.target
Xd_train, Xd_test, yd_train, yd_test = train_test_split(Xd, yd, test_size=0.2, random_state=SEED)

num_classes = 10
Y = np.eye(num_classes)[yd_train]  # one-hot targets
W = rng.normal(0, 0.01, size=(Xd.shape[1], num_classes))
b = np.zeros(num_classes)

for _ in range(300):
    P = stable_softmax(Xd_train @ W + b)
    loss = -np.mean(np.sum(Y * np.log(P + 1e-12), axis=1))
    dZ = (P - Y) / len(Xd_train)
    W -= 0.5 * Xd_train.T @ dZ
    b -= 0.5 * dZ.sum(axis=0)

# Sanity check against SciPy's implementation.
logits = Xd_test @ W + b
assert np.allclose(stable_softmax(logits), softmax(logits, axis=1))

pred = np.argmax(logits, axis=1)
print(f"digits test accuracy: {np.mean(pred == yd_test):.3f}  (final train loss {loss:.3f})")

# ---------------------------------------------------------------------------
# 10. Bonus: the same softmax classifier in PyTorch (skip if torch is missing)
# ---------------------------------------------------------------------------
try:
    import torch
    from torch import nn
except ImportError:
    torch = None

if torch is not None:
    torch.manual_seed(SEED)
    Xt = torch.tensor(Xd_train, dtype=torch.float32)
    yt = torch.tensor(yd_train)
    model = nn.Linear(Xt.shape[1], num_classes)
    loss_fn = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    for _ in range(300):
        optimizer.zero_grad()
        loss = loss_fn(model(Xt), yt)
        loss.backward()
        optimizer.step()
    print(f"torch final loss: {loss.item():.3f}")

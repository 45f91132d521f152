"""d2l 4.10's k-fold cross-validation in PyTorch, replaying a webgrad run (see kaggle-replay.ts).

Usage: /usr/bin/python3 kaggle_replay.py REPLAY_JSON
REPLAY_JSON holds dataDir, epochs, lr, k, batchSize, webgrad's training feature matrix (features,
row-major) and per fold its initial weight, bias and every epoch's example order. The features
are prepared from dataDir's CSV files with pandas as d2l does. Prints one JSON object: the largest
difference from webgrad's features and each fold's final train and validation log-RMSE.
"""
import json
import sys

import numpy as np
import pandas as pd
import torch
from torch import nn

replay = json.load(open(sys.argv[1]))
torch.set_num_threads(1)

train_data = pd.read_csv(f"{replay['dataDir']}/train.csv")
test_data = pd.read_csv(f"{replay['dataDir']}/test.csv")
all_features = pd.concat((train_data.iloc[:, 1:-1], test_data.iloc[:, 1:]))
numeric_features = all_features.dtypes[all_features.dtypes != "object"].index
all_features[numeric_features] = all_features[numeric_features].apply(lambda x: (x - x.mean()) / (x.std()))
all_features[numeric_features] = all_features[numeric_features].fillna(0)
all_features = pd.get_dummies(all_features, dummy_na=True)
n_train = train_data.shape[0]
train_features = torch.tensor(all_features[:n_train].values.astype(np.float32))
train_labels = torch.tensor(train_data.SalePrice.values.reshape(-1, 1), dtype=torch.float32)
webgrad_features = np.array(replay["features"], dtype=np.float32)
feature_difference = float(np.abs(train_features.numpy().ravel() - webgrad_features).max())

loss = nn.MSELoss()


def log_rmse(net, features, labels):
    clipped_preds = torch.clamp(net(features), 1, float("inf"))
    return torch.sqrt(loss(torch.log(clipped_preds), torch.log(labels))).item()


def get_k_fold_data(k, i, X, y):
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train = torch.cat([X_train, X_part], 0)
            y_train = torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


folds = []
for i, fold in enumerate(replay["folds"]):
    X_train, y_train, X_valid, y_valid = get_k_fold_data(replay["k"], i, train_features, train_labels)
    net = nn.Sequential(nn.Linear(X_train.shape[1], 1))
    with torch.no_grad():
        net[0].weight.copy_(torch.tensor(fold["weight"]).reshape(1, -1))
        net[0].bias.copy_(torch.tensor(fold["bias"]))
    optimizer = torch.optim.Adam(net.parameters(), lr=replay["lr"], weight_decay=0)
    for order in fold["orders"]:
        order = torch.tensor(order)
        for start in range(0, len(order), replay["batchSize"]):
            batch = order[start : start + replay["batchSize"]]
            optimizer.zero_grad()
            l = loss(net(X_train[batch]), y_train[batch])
            l.backward()
            optimizer.step()
    folds.append({"train": log_rmse(net, X_train, y_train), "valid": log_rmse(net, X_valid, y_valid)})

print(json.dumps({"featureDifference": feature_difference, "folds": folds}))

"""Replays a webgrad training run in PyTorch: same data, initial weights and batch order.

Usage: /usr/bin/python3 torch_replay.py RUN_DIR DATA_FILE
DATA_FILE (written by webgrad's bench/parity) holds the train/test images as U8 0-255 and the
labels as U8 (the test split may be left out: the test accuracy is then null); RUN_DIR holds
weights.safetensors (initial parameters by state_dict name), order.safetensors (I32 [epochs, n]:
the examples each epoch visits, batchSize in the metadata) and recipe.json ({"model": "softmax"|"mlp", "lr", "epochs", "batchSize"}).
Prints one JSON object: each epoch's mean training loss and test accuracy.
"""
import json
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

DTYPES = {"F32": np.float32, "I32": np.int32, "U8": np.uint8}


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (header_len,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + header_len])
    metadata = header.pop("__metadata__", {})
    base = 8 + header_len
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        array = np.frombuffer(raw, dtype=DTYPES[entry["dtype"]], count=(end - begin) // np.dtype(DTYPES[entry["dtype"]]).itemsize, offset=base + begin)
        tensors[name] = array.reshape(entry["shape"])
    return tensors, metadata


def build_model(name):
    if name == "softmax":
        return nn.Sequential(nn.Linear(784, 10))
    if name == "mlp":
        return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    raise ValueError(f"unknown model {name}")


def main(run_dir, data_path):
    torch.set_num_threads(1)
    recipe = json.load(open(f"{run_dir}/recipe.json"))
    data, _ = read_safetensors(data_path)
    weights, _ = read_safetensors(f"{run_dir}/weights.safetensors")
    order, order_meta = read_safetensors(f"{run_dir}/order.safetensors")
    batch_size = int(order_meta["batchSize"])
    assert batch_size == recipe["batchSize"], "batch size of the order file differs from the recipe"

    # u8 / 255 in f32: correctly rounded, the same values webgrad's loader computes
    to_unit = lambda images: torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / np.float32(255))
    train_x = to_unit(data["train.images"])
    train_y = torch.from_numpy(data["train.labels"].astype(np.int64))
    has_test = "test.images" in data
    if has_test:
        test_x = to_unit(data["test.images"])
        test_y = torch.from_numpy(data["test.labels"].astype(np.int64))

    model = build_model(recipe["model"])
    state = model.state_dict()
    assert sorted(state) == sorted(weights), f"parameter names differ: {sorted(state)} vs {sorted(weights)}"
    model.load_state_dict({name: torch.from_numpy(np.array(w)) for name, w in weights.items()})
    optimizer = torch.optim.SGD(model.parameters(), lr=recipe["lr"])
    loss_fn = nn.CrossEntropyLoss()

    epochs = []
    for epoch in range(recipe["epochs"]):
        started = time.perf_counter()
        visit = torch.from_numpy(order["order"][epoch].astype(np.int64))
        total, seen = 0.0, 0
        model.train()
        for start in range(0, len(visit), batch_size):
            idx = visit[start : start + batch_size]
            x, y = train_x[idx], train_y[idx]
            loss = loss_fn(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(idx)
            seen += len(idx)
        seconds = time.perf_counter() - started
        accuracy = None
        if has_test:
            model.eval()
            with torch.no_grad():
                accuracy = (model(test_x).argmax(dim=1) == test_y).sum().item() / len(test_y)
        epochs.append({"epoch": epoch + 1, "trainLoss": total / seen, "testAccuracy": accuracy, "seconds": seconds})
        print(json.dumps(epochs[-1]), file=sys.stderr, flush=True)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "epochs": epochs}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

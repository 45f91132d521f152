# Loads safetensors weights into torch.nn.Sequential(Linear(784, 256), ReLU(), Linear(256, 10)) with
# PyTorch alone (no safetensors package: the format is a u64 header size, a JSON header, raw data)
# and prints the predicted class of each image of a JSON file of 784-pixel rows.
import json
import struct
import sys

import torch

weights_path, images_path = sys.argv[1], sys.argv[2]
with open(weights_path, 'rb') as f:
    raw = f.read()
size = struct.unpack('<Q', raw[:8])[0]
header = json.loads(raw[8:8 + size])
header.pop('__metadata__', None)
state = {}
for name, entry in header.items():
    assert entry['dtype'] == 'F32', entry
    begin, end = entry['data_offsets']
    data = bytearray(raw[8 + size + begin:8 + size + end])
    state[name] = torch.frombuffer(data, dtype=torch.float32).reshape(entry['shape'])
net = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
net.load_state_dict(state, strict=True)
with open(images_path) as f:
    images = torch.tensor(json.load(f), dtype=torch.float32)
with torch.no_grad():
    print(json.dumps(net(images).argmax(1).tolist()))

/**
 * What another framework needs to replay a run exactly: the visiting order of every epoch, as a
 * safetensors file holding `order`, I32 [epochs, examples] (row e lists the example indices of
 * epoch e+1; batch i is row[i*batchSize … (i+1)*batchSize)), and the batch size in the metadata.
 * The initial weights go alongside with encodeWeights().
 */
import { ValueError } from '../errors.js';
import type { DataLoader } from '../data/dataloader.js';
import { batchOrders } from '../data/dataloader.js';
import { decodeSafetensors, encodeSafetensors } from './safetensors.js';

export function encodeBatchOrders(loader: DataLoader, epochs: number, metadata: Record<string, string> = {}): Uint8Array {
  const orders = batchOrders(loader, epochs);
  const n = loader.data.length;
  const order = new Int32Array(epochs * n);
  orders.forEach((o, e) => order.set(o, e * n));
  return encodeSafetensors({ order: { shape: [epochs, n], data: order } }, {
    ...metadata, batchSize: String(loader.batchSize), seed: String(loader.seed), shuffle: String(loader.shuffle),
    dropLast: String(loader.dropLast),
  });
}

export function decodeBatchOrders(bytes: Uint8Array): { orders: Int32Array[]; batchSize: number; metadata: Record<string, string> } {
  const { tensors, metadata } = decodeSafetensors(bytes);
  const order = tensors.get('order');
  if (!order || order.dtype !== 'I32' || order.shape.length !== 2) throw new ValueError('batch order file: expected an I32 [epochs, n] tensor "order"');
  const [epochs, n] = order.shape;
  const data = order.data as Int32Array;
  return {
    orders: Array.from({ length: epochs }, (_, e) => data.subarray(e * n, (e + 1) * n)),
    batchSize: Number(metadata.batchSize),
    metadata,
  };
}

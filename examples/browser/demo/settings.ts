/**
 * The demo's settings: the form's fields, whose starting values the page's URL may give
 * (?backend=webgpu&epochs=3&batch=64&lr=0.1&train=100&test=20&threads=2&autostart).
 */
import type { BackendKind, ThreadChoice } from '../shared/backends.js';

export interface DemoSettings {
  backend: BackendKind;
  threads: ThreadChoice;
  epochs: number;
  batchSize: number;
  lr: number;
  /** Training and test images per class (at most 6,000 and 1,000). */
  trainPerClass: number;
  testPerClass: number;
  seed: number;
}

interface Field {
  name: keyof DemoSettings;
  /** The URL parameter that sets it. */
  param: string;
  min: number;
  max: number;
  integer: boolean;
  fallback: number;
}

const NUMBER_FIELDS: Field[] = [
  { name: 'epochs', param: 'epochs', min: 1, max: 100, integer: true, fallback: 10 },
  { name: 'batchSize', param: 'batch', min: 1, max: 4096, integer: true, fallback: 256 },
  { name: 'lr', param: 'lr', min: 1e-6, max: 10, integer: false, fallback: 0.1 },
  { name: 'trainPerClass', param: 'train', min: 1, max: 6000, integer: true, fallback: 6000 },
  { name: 'testPerClass', param: 'test', min: 1, max: 1000, integer: true, fallback: 1000 },
  { name: 'seed', param: 'seed', min: 0, max: 2 ** 31 - 1, integer: true, fallback: 0 },
];

function element<T extends HTMLElement>(form: HTMLFormElement, name: string): T {
  const found = form.elements.namedItem(name);
  if (!found) throw new Error(`the form has no field '${name}'`);
  return found as T;
}

/** Puts the URL's values (where valid) into the form. */
export function applyUrlToForm(form: HTMLFormElement, query: URLSearchParams): void {
  for (const field of NUMBER_FIELDS) {
    const raw = query.get(field.param);
    if (raw !== null) element<HTMLInputElement>(form, field.name).value = raw;
  }
  const backend = query.get('backend');
  if (backend === 'wasm' || backend === 'webgpu') element<HTMLSelectElement>(form, 'backend').value = backend;
  const threads = query.get('threads');
  if (threads !== null) element<HTMLSelectElement>(form, 'threads').value = threads;
}

/** The form's settings, or a message naming the field that is out of range. */
export function readForm(form: HTMLFormElement): DemoSettings | { error: string } {
  const numbers: Partial<Record<keyof DemoSettings, number>> = {};
  for (const field of NUMBER_FIELDS) {
    const input = element<HTMLInputElement>(form, field.name);
    const value = input.value === '' ? field.fallback : Number(input.value);
    if (!Number.isFinite(value) || value < field.min || value > field.max || (field.integer && !Number.isInteger(value)))
      return { error: `${input.labels?.[0]?.textContent?.trim() || field.name} must be ${field.integer ? 'an integer' : 'a number'} in [${field.min}, ${field.max}]` };
    numbers[field.name] = value;
  }
  const backend = element<HTMLSelectElement>(form, 'backend').value as BackendKind;
  const threadsValue = element<HTMLSelectElement>(form, 'threads').value;
  const threads: ThreadChoice = threadsValue === 'auto' ? 'auto' : Number(threadsValue);
  return { backend, threads, ...(numbers as Omit<DemoSettings, 'backend' | 'threads'>) };
}

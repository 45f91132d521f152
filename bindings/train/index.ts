/** The training loop, its plots and the weight format; runs anywhere (file helpers are in node/index.ts). */
export {
  fit, evaluate, formatEpoch, type FitOptions, type FitResult, type EpochMetrics, type Model, type StepOptimizer,
  type LossFunction, type LossName,
} from './fit.js';
export { trainingCurvesSvg } from './curves.js';
export { lineChartSvg, niceTicks, type Series, type ChartOptions } from './plot.js';
export { ProgressBar, type TextStream } from './progress.js';
export {
  encodeSafetensors, decodeSafetensors, type SafetensorsDtype, type SafetensorsArray, type SafetensorsFile,
  type SafetensorsTensor, type SafetensorsInput,
} from './safetensors.js';
export { encodeWeights, loadWeights, type NamedTensors, type LoadWeightsOptions } from './weights.js';
export { encodeBatchOrders, decodeBatchOrders } from './replay.js';
export { d2lModel, type D2lModelName, type D2lModelOptions } from './models.js';

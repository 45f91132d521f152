/** Node-only data access: the Fashion-MNIST and MNIST packages and the on-disk cache. */
export {
  loadFashionMnist, loadFashionMnistWithReport, loadMnist, loadMnistWithReport, type ImageLoadOptions, type LoadReport,
} from './image-packages.js';
export { loadDataFashionMnist, type LoadDataOptions } from './fashion-mnist-loaders.js';
export { cacheDir } from './cache.js';
export { readCsvFile, writeCsvFile } from './csv-file.js';

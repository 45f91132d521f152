/**
 * Plots as d2l draws them, as SVG strings (no DOM, no file system): plot(), scatter(),
 * showImages() and the Animator. A page inserts the string; Node writes it to a file.
 */
export { plot, D2L_FIGSIZE, type PlotOptions } from './plot.js';
export { scatter, type ScatterOptions } from './scatter.js';
export { showImages, type ShowImagesOptions } from './images.js';
export { Animator, type AnimatorOptions } from './animator.js';
export { DEFAULT_FMTS, type AxesOptions, type FigSize } from './options.js';
export { parseFmt, parseColor, MARKERS, type Format, type LineStyleName, type MarkerName } from './format.js';
export { niceTicks, logTicks, logMinorTicks } from './ticks.js';
export { linearTickLabels, logTickLabels, formatNumber, type TickLabels } from './labels.js';
export { axisDomain, Scale, type ScaleKind, type Limits } from './scale.js';
export { TAB10, cycleColor, assignColors, colorDistance, viridis } from './colors.js';
export { figureSvg } from './figure.js';
export { layoutAxes, type AxesSpec, type AxesLayout } from './axes.js';
export type { SeriesData } from './lines.js';
export type { SeriesStyle } from './markers.js';
export { encodePng, pngDataUri } from './png.js';
export { PX_PER_INCH } from './metrics.js';
export { toNDArray, toSeriesList, type ArrayData, type TensorLike, type ListLike, type NDArray } from './data.js';

/**
 * Plots as d2l draws them, as SVG strings (no DOM, no file system): plot(), scatter(),
 * showImages() and the Animator. A page inserts the string; Node writes it to a file
 * (animatorFile in 'webgrad/node' keeps one up to date).
 */
export { plot, D2L_FIGSIZE, type PlotOptions } from './plot.js';
export { scatter, type ScatterOptions } from './scatter.js';
export { showImages, type ShowImagesOptions } from './images.js';
export { Animator, type AnimatorOptions } from './animator.js';
export { figureSvg } from './figure.js';
export type { AxesSpec } from './axes.js';
export type { SeriesData } from './lines.js';
export type { SeriesStyle } from './markers.js';
export { DEFAULT_FMTS, type AxesOptions, type FigSize } from './options.js';
export type { Limits, ScaleKind } from './scale.js';
export { parseFmt, parseColor, MARKERS, type Format, type LineStyleName, type MarkerName } from './format.js';
export { niceTicks, logTicks } from './ticks.js';
export { TAB10, cycleColor } from './colors.js';
export { encodePng, pngDataUri } from './png.js';
export { PX_PER_INCH } from './metrics.js';
export type { ArrayData, TensorLike, ListLike } from './data.js';

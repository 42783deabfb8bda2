// The tf.layers namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { dense as dense_, dropout as dropout_, flatten as flatten_ } from '../layers/core.js';
export { Layer, type LayerOptions } from '../layers/base.js';
export { Dense, type DenseOptions, type DenseFnOptions, Dropout, type DropoutLayerOptions, Flatten } from '../layers/core.js';
export const dense = reportingBuildSite(dense_);
export const dropout = reportingBuildSite(dropout_);
export const flatten = reportingBuildSite(flatten_);
import { averagePooling2d as averagePooling2d_, conv2d as conv2d_, maxPooling2d as maxPooling2d_ } from '../layers/conv.js';
export { AveragePooling2D, Conv2D, type Conv2DOptions, MaxPooling2D, type Pooling2DOptions } from '../layers/conv.js';
export const conv2d = reportingBuildSite(conv2d_);
export const maxPooling2d = reportingBuildSite(maxPooling2d_);
export const averagePooling2d = reportingBuildSite(averagePooling2d_);
import { batchNormalization as batchNormalization_ } from '../layers/batch-norm.js';
export { BatchNormalization, type BatchNormalizationOptions } from '../layers/batch-norm.js';
export const batchNormalization = reportingBuildSite(batchNormalization_);

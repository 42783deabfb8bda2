// The tf.nn namespace. See README.md.
import { reportingBuildSite } from '../graph/build-site.js';
import { conv2d as conv2d_, conv2dBackpropFilter as conv2dBackpropFilter_, conv2dBackpropInput as conv2dBackpropInput_, conv2dTranspose as conv2dTranspose_ } from '../ops/defs/nn/conv2d.js';
import { depthwiseConv2d as depthwiseConv2d_, depthwiseConv2dNative as depthwiseConv2dNative_ } from '../ops/defs/nn/depthwise.js';
import { avgPool as avgPool_, avgPool2d as avgPool2d_, maxPool as maxPool_, maxPool2d as maxPool2d_ } from '../ops/defs/nn/pool.js';
export type { Conv2dBackpropOptions, Conv2dOptions, Conv2dTransposeOptions } from '../ops/defs/nn/conv2d.js';
export type { DepthwiseConv2dOptions } from '../ops/defs/nn/depthwise.js';
export type { PoolOptions } from '../ops/defs/nn/pool.js';
export const conv2d = reportingBuildSite(conv2d_);
export const conv2dBackpropInput = reportingBuildSite(conv2dBackpropInput_);
export const conv2dBackpropFilter = reportingBuildSite(conv2dBackpropFilter_);
export const conv2dTranspose = reportingBuildSite(conv2dTranspose_);
export const depthwiseConv2d = reportingBuildSite(depthwiseConv2d_);
export const depthwiseConv2dNative = reportingBuildSite(depthwiseConv2dNative_);
export const maxPool = reportingBuildSite(maxPool_);
export const maxPool2d = reportingBuildSite(maxPool2d_);
export const avgPool = reportingBuildSite(avgPool_);
export const avgPool2d = reportingBuildSite(avgPool2d_);

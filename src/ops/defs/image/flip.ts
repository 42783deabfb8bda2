// tf.image composites: flipLeftRight, flipUpDown, perImageStandardization (TensorFlow's image_ops).
import { ValueError } from '../../../core/errors.js';
import { normalizeArgs } from '../../args.js';
import { applyOp1 } from '../../builder.js';
import { currentContext } from '../../context.js';
import type { Tensor, TensorInput } from '../../types.js';
import { getItem, sl } from '../array/get-item.js';
import { Identity } from '../array/identity.js';
import { ReverseV2 } from '../array/reverse.js';
import { shape } from '../array/shape.js';
import { Maximum } from '../math/binary-math.js';
import { RealDiv, Sub } from '../math/binary.js';
import { Cast } from '../math/cast.js';
import { reduceMean, reduceProd } from '../math/reduce.js';
import { reduceStd } from '../math/statistics.js';
import { Rsqrt } from '../math/unary.js';

/**
 * TensorFlow's _AssertAtLeast3DImage for a statically checkable shape: the image through an
 * Identity named `control_dependency`. Unknown inner dims are not checked at run time here.
 */
function atLeast3D(image: Tensor): Tensor {
  const s = image.shape;
  if (s.rank !== null && s.rank < 3) throw new ValueError(`'image' (shape ${s.toString()}) must be at least three-dimensional.`);
  if (s.dims?.slice(-3).some((d) => d === 0)) {
    throw new ValueError(`inner 3 dims of 'image.shape' must be > 0: ${s.toString()}`);
  }
  return applyOp1(Identity, [image], {}, 'control_dependency');
}

function flip(image: unknown, index: number, scopeName: string): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(undefined, scopeName, [image], () => {
    let t = ctx.convertToTensor(image, undefined, undefined, 'image');
    t = atLeast3D(t);
    const rank = t.shape.rank;
    if (rank === null) throw new ValueError(`${scopeName}: an image of unknown rank is not supported yet (TensorFlow builds a cond on its rank)`);
    if (rank !== 3 && rank !== 4) throw new ValueError(`'image' (shape ${t.shape.toString()})must have either 3 or 4 dimensions.`);
    return applyOp1(ReverseV2, [t, [rank === 3 ? index : index + 1]], {}, 'ReverseV2');
  });
}

/** `tf.image.flipLeftRight(image)`: reverses the width axis of a [h, w, c] or [n, h, w, c] image. */
export function flipLeftRight(image: TensorInput): Tensor {
  const a = normalizeArgs('flipLeftRight', ['image'], [image]);
  return flip(a.image, 1, 'flip_left_right');
}

/** `tf.image.flipUpDown(image)`: reverses the height axis of a [h, w, c] or [n, h, w, c] image. */
export function flipUpDown(image: TensorInput): Tensor {
  const a = normalizeArgs('flipUpDown', ['image'], [image]);
  return flip(a.image, 0, 'flip_up_down');
}

/**
 * `tf.image.perImageStandardization(image)`: `(x − mean) / max(std, 1/sqrt(numPixels))` over each
 * image's last three axes, TensorFlow's ops in scope `per_image_standardization`. float16/float32
 * images only here (TensorFlow converts other dtypes to float32 and back).
 */
export function perImageStandardization(image: TensorInput): Tensor {
  const ctx = currentContext();
  return ctx.withNameScope(undefined, 'per_image_standardization', [image], (scope) => {
    let t = ctx.convertToTensor(image, undefined, undefined, 'image');
    t = atLeast3D(t);
    if (t.dtype !== 'float32' && t.dtype !== 'float16') {
      throw new TypeError(`perImageStandardization: ${t.dtype} images are not supported yet (TensorFlow converts them with convert_image_dtype); cast to float32 first`);
    }
    const numPixels = reduceProd(getItem(shape(t), sl(-3)));
    const mean = reduceMean(t, [-1, -2, -3], true);
    const std = reduceStd(t, [-1, -2, -3], true);
    const minStd = applyOp1(Rsqrt, [applyOp1(Cast, [numPixels], { DstT: t.dtype }, 'Cast')], {}, 'Rsqrt');
    const adjusted = applyOp1(Maximum, [std, minStd], {}, 'Maximum');
    return applyOp1(RealDiv, [applyOp1(Sub, [t, mean], {}, 'sub'), adjusted], {}, scope);
  });
}

# Fits EXP5 in src/backends/wasm/kernels/vmath.ts: c1…c5 of 1 + c1·r + … + c5·r^5 ≈ e^r on
# [-ln2/2, ln2/2], by least squares on the relative error, reweighted towards its largest values
# (a Remez-like iteration), over Chebyshev nodes. Prints the coefficients as float32 values.
# Run: python3 scripts/fit-exp-poly.py (numpy only). The kernel's error, evaluated in float32, is
# measured by test/backends/wasm/exp-softmax.test.ts.
import numpy as np

half = np.log(2) / 2
xs = np.cos(np.linspace(0, np.pi, 4001)) * half
w = np.ones_like(xs)
for _ in range(30):
    # p(r) = 1 + r·q(r): the residual |p - e^r| / e^r, linear in q's coefficients
    a = np.stack([xs ** (k + 1) for k in range(5)], axis=1) / np.exp(xs)[:, None]
    b = (np.exp(xs) - 1) / np.exp(xs)
    c, *_ = np.linalg.lstsq(a * w[:, None], b * w, rcond=None)
    err = np.abs(a @ c - b)
    w = w * (err / err.max() + 1e-3) ** 0.5
    w /= w.max()
print([float(np.float32(v)) for v in c])

// How a kernel's range of work splits into pool jobs. The pool hands jobs to threads as they come
// free, so threads of unequal speed balance when there are more jobs than threads.

/** Elementwise loops shorter than this run on one thread (a fork/join costs about a microsecond). */
export const PARALLEL_MIN = 1 << 16;

/** Jobs per thread in a balanced split. */
const JOBS_PER_THREAD = 4;

/**
 * The ends of the jobs `whole` items (in runs of `unit`, the last one maybe partial) split into for
 * `parts` threads, ascending, the last one `whole`; a job whose end repeats the previous one is
 * empty. One job per thread, or, `balanced`, JOBS_PER_THREAD equal jobs per thread, for kernels
 * whose jobs repeat no work of another (a GEMM's column jobs share each thread's packing of A
 * and buffers).
 *
 * Why balanced: the threads' cores need not be equally fast. On the 2-core VM one vCPU ran a GEMM
 * 30–50 % slower than the other for minutes at a time (its host core busy), and sometimes the
 * second thread added almost nothing; equal halves then took as long as the slow half. With
 * eight jobs on two threads the fast thread takes more of them, and a nearly stalled one holds
 * up one eighth of the work, not half. When both cores run alike, eight jobs cost no more than
 * two (two threads, alternating in one program, 2026-12-02: 128×784·784×256 in 579 µs against
 * 601 for 2/5 + 2/5 + 1/10 + 1/10, 512³ 2.84 against 2.98 ms; 256³ 348 against 350 µs).
 */
export function splitEnds(whole: number, unit: number, parts: number, balanced: boolean): number[] {
  const jobs = balanced && parts > 1 ? JOBS_PER_THREAD * parts : parts;
  const ends: number[] = [];
  for (let t = 1; t < jobs; t++) ends.push(Math.min(whole, Math.round((whole * t) / jobs / unit) * unit));
  ends.push(whole);
  return ends;
}

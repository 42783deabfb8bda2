// How a kernel's range of work splits into pool jobs. The pool hands jobs to threads as they come
// free, so jobs of unequal speed threads balance when there are more jobs than threads.

/**
 * Each thread's first job's part of its share, in a balanced split: the rest goes into as many
 * small jobs, taken by the threads that finish first.
 */
const FIRST_SHARE = 0.8;

/**
 * The ends of the jobs `whole` items (in runs of `unit`, the last one maybe partial) split into for
 * `parts` threads, ascending, the last one `whole`; a job whose end repeats the previous one is
 * empty. Equal jobs, one per thread; or, `balanced`, each thread's first job 4/5 of its share and
 * the last fifth in `parts` small jobs.
 *
 * Why balanced: the threads' cores need not be equally fast. On the 2-core VM one vCPU ran a GEMM
 * 30–50 % slower than the other for minutes at a time (its host core busy), so equal halves took
 * as long as the slow half. With 0.4 + 0.4 + 0.1 + 0.1, the fast thread takes both small jobs: a
 * raw 128×784·784×256 on two threads took 675–688 µs against 842–849 in such a phase (both
 * splits alternating in one program, 2026-12-02). Four equal jobs gained nothing: the slow
 * thread's second quarter still ends last.
 */
export function splitEnds(whole: number, unit: number, parts: number, balanced: boolean): number[] {
  const ends: number[] = [];
  const at = (share: number) => Math.min(whole, Math.round((whole * share) / unit) * unit);
  if (!balanced || parts < 2) {
    for (let t = 1; t < parts; t++) ends.push(at(t / parts));
  } else {
    for (let t = 1; t <= parts; t++) ends.push(at((FIRST_SHARE * t) / parts));
    for (let t = 1; t < parts; t++) ends.push(at(FIRST_SHARE + ((1 - FIRST_SHARE) * t) / parts));
  }
  ends.push(whole);
  return ends;
}

/**
 * A schedule is a pure function of the step: `schedule(k)` is the value in effect for update k
 * (0-based). It is a closed form, exact at any step in O(1) (O(log n) for n boundaries), with no
 * state and no accumulated rounding. Every lrkit schedule, primitive or composite, has this type.
 */
export type Schedule = (step: number) => number;

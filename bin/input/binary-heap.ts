/**
 * Sift steps of a binary min-heap kept in a plain array, ordered by `before`. The k-way merges of log
 * files (bin/input/merge-reader.ts, bin/parallel/mined-merge.ts) keep one cursor per file in such a heap.
 */

/** Moves `heap[index]` down until both children go after it. */
export function siftDown<T>(heap: T[], index: number, before: (a: T, b: T) => boolean): void {
  const size = heap.length;
  const item = heap[index] as T;
  let at = index;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= size) break;
    const right = left + 1;
    const child = right < size && before(heap[right] as T, heap[left] as T) ? right : left;
    if (!before(heap[child] as T, item)) break;
    heap[at] = heap[child] as T;
    at = child;
  }
  heap[at] = item;
}

/** Moves `heap[index]` up until its parent goes before it. */
export function siftUp<T>(heap: T[], index: number, before: (a: T, b: T) => boolean): void {
  const item = heap[index] as T;
  let at = index;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!before(item, heap[parent] as T)) break;
    heap[at] = heap[parent] as T;
    at = parent;
  }
  heap[at] = item;
}

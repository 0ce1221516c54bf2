//! Work on every core: one thread per core, each taking the next item until none is
//! left, the results in the order of the items.
//!
//! Not rayon: Typst lays out in parallel on rayon's pool itself. A rayon worker that
//! waits for that work steals another of our items meanwhile and runs it on the same
//! stack, so one thread would typeset several documents at once, one inside another:
//! tried, it overflowed the stack in the first test, and it would hold more documents in
//! memory than there are cores. Threads that only block keep one document a core.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Run `work` on every item on every core; the results come in the order of `items`.
/// `done` hears (items finished, items in all) as each one finishes.
pub(crate) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    done: impl Fn(usize, usize) + Sync,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut results = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            break results;
                        };
                        results.push((index, work(item)));
                        done(finished.fetch_add(1, Ordering::Relaxed) + 1, items.len());
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_and_every_item_is_counted_once() {
        let items: Vec<u32> = (0..200).collect();
        let counted = AtomicUsize::new(0);
        let doubled = in_parallel(
            &items,
            |done, all| {
                assert!(done <= all);
                counted.fetch_add(1, Ordering::Relaxed);
            },
            |n| n * 2,
        );
        assert_eq!(doubled, (0..200).map(|n| n * 2).collect::<Vec<_>>());
        assert_eq!(counted.load(Ordering::Relaxed), 200);
    }
}

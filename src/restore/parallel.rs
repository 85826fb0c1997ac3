//! Running a function over items on several threads, in order.

/// `f` over `items`, in order, on up to `threads` threads: each takes a
/// run of consecutive items, the calling thread the first. Where a thread
/// cannot be started, its items are done on the calling thread.
pub(super) fn parallel_map<T: Send, U: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(T) -> U + Sync,
) -> Vec<U> {
    if threads <= 1 || items.len() <= 1 {
        return items.into_iter().map(f).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut groups: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        groups.push(items.by_ref().take(per_thread).collect());
    }
    // Each group waits in a slot for the thread that takes it; where no
    // thread could be started, the calling thread takes it afterwards.
    let slots: Vec<std::sync::Mutex<Option<Vec<T>>>> = groups
        .into_iter()
        .map(|g| std::sync::Mutex::new(Some(g)))
        .collect();
    let take = |slot: &std::sync::Mutex<Option<Vec<T>>>| {
        slot.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
            .unwrap_or_default()
    };
    let (f, take) = (&f, &take);
    std::thread::scope(|scope| {
        let handles: Vec<_> = slots[1..]
            .iter()
            .map(|slot| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || {
                        take(slot).into_iter().map(f).collect::<Vec<U>>()
                    })
                    .ok()
            })
            .collect();
        let mut out: Vec<U> = take(&slots[0]).into_iter().map(f).collect();
        for (slot, handle) in slots[1..].iter().zip(handles) {
            match handle.map(|h| h.join()) {
                Some(Ok(done)) => out.extend(done),
                Some(Err(panic)) => std::panic::resume_unwind(panic),
                None => out.extend(take(slot).into_iter().map(f)),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_map_keeps_the_order() {
        for threads in 1..6 {
            for n in 0..12 {
                let items: Vec<usize> = (0..n).collect();
                let doubled = parallel_map(items, threads, |x| x * 2);
                assert_eq!(doubled, (0..n).map(|x| x * 2).collect::<Vec<_>>());
            }
        }
    }
}

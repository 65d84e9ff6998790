//! What a pure function of a cell's text found, remembered per thread: a
//! sheet's header and label texts are asked about for every row and column
//! that meets them, and working each out again was most of the time a form
//! took to read. Each memo holds at most `REMEMBERED` texts, then starts
//! afresh, so a sheet of many distinct texts costs no memory.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// The most texts a memo holds.
const REMEMBERED: usize = 4096;

/// A thread's memo of one function.
pub type Memo<T> = LocalKey<RefCell<HashMap<String, T>>>;

/// `work(text)`, from `memo` when it was asked before.
pub fn remembered<T: Clone>(memo: &'static Memo<T>, text: &str, work: fn(&str) -> T) -> T {
    if let Some(known) = memo.with(|m| m.borrow().get(text).cloned()) {
        return known;
    }
    let found = work(text);
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= REMEMBERED {
            m.clear();
        }
        m.insert(text.to_string(), found.clone());
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: RefCell<HashMap<String, usize>> = RefCell::new(HashMap::new());
    }

    #[test]
    fn a_memo_answers_as_the_function_and_stays_bounded() {
        for round in 0..2 {
            for i in 0..(REMEMBERED + 10) {
                let text = "x".repeat(i % 50) + &i.to_string();
                assert_eq!(remembered(&LENGTHS, &text, str::len), text.len(), "{round}");
            }
        }
        assert!(LENGTHS.with(|m| m.borrow().len()) <= REMEMBERED);
    }
}

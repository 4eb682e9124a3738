//! Stack for tree walks. Readers and writers recurse over the tree, which is at most
//! [`crate::doc::nesting::MAX_NESTING`] containers deep; the entry points
//! ([`crate::read::read`], [`crate::write::write`]) run on a stack of at least
//! [`TREE_STACK`] bytes, switching to a fresh one (a lazily committed mapping, freed on
//! return) when the calling thread has less left. So a conversion works on any thread,
//! including one with a small stack in a caller's thread pool.

/// The stack a conversion may use: the deepest tree measured through every writer needed
/// well under a quarter of it.
pub const TREE_STACK: usize = 32 << 20;

/// Run `f` with at least [`TREE_STACK`] bytes of stack.
pub fn with_tree_stack<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(TREE_STACK, TREE_STACK, f)
}

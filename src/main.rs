//! The `cjkdoc` binary: everything happens in [`cjkdoc::cli::run`].

// A batch allocates and frees each document's layout and PDF objects many times over; mimalloc
// keeps that memory in its thread-local heaps instead of handing it back to the kernel.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cjkdoc::cli::run());
}

//! The `cjkdoc` binary: everything happens in [`cjkdoc::cli::run`].

fn main() {
    std::process::exit(cjkdoc::cli::run());
}

//! The command-line front end. Work in progress.

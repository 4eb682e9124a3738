//! The faces layout works with: those of the conversion's [`crate::fonts::Book`], parsed
//! once per book and shared read-only by every conversion (no mutable global state:
//! layout stays a pure function of its inputs).

pub use crate::fonts::{Book, FaceId, Loaded};

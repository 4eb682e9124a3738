//! Deflate compression, shared by the PDF streams and the DOCX package: libdeflate, which
//! compresses whole buffers (all either writer has) faster and tighter than zlib. Each
//! writer picks its level.

use libdeflater::{CompressionLvl, Compressor};

/// A reusable compressor (its tables are allocated once).
pub struct Deflater(Compressor);

impl Deflater {
    /// A compressor at `level`, 1 (fastest) to 12 (smallest): libdeflate's levels 1–4 are
    /// greedy, 5–9 lazy, 10–12 near-optimal parsing.
    pub fn new(level: i32) -> Self {
        let level = CompressionLvl::new(level).unwrap_or_default();
        Deflater(Compressor::new(level))
    }

    /// `data` in the zlib format (`/FlateDecode`).
    pub fn zlib(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        let mut out = vec![0; self.0.zlib_compress_bound(data.len())];
        let n = self.0.zlib_compress(data, &mut out).ok()?;
        out.truncate(n);
        // (The bound is above the input's size; a long document holds many of these.)
        out.shrink_to_fit();
        Some(out)
    }

    /// `data` as a raw deflate stream (a zip entry).
    pub fn raw(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        let mut out = vec![0; self.0.deflate_compress_bound(data.len())];
        let n = self.0.deflate_compress(data, &mut out).ok()?;
        out.truncate(n);
        out.shrink_to_fit();
        Some(out)
    }
}

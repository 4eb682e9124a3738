//! The zip container of a DOCX package (APPNOTE.TXT 6.3, no zip64): local headers, the
//! entries, the central directory. Written here rather than through the `zip` crate because
//! that crate compresses as it streams and cannot take an entry already compressed: the
//! entries are deflated by libdeflate ([`crate::deflate`]) in one call each, which halved
//! the cost of a DOCX with embedded fonts. Every entry is dated 1980-01-01 00:00 and
//! listed in the order given, so the same parts always give the same bytes.

use crate::deflate::Deflater;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
/// Version 2.0: deflate.
const VERSION_NEEDED: u16 = 20;
/// Made by a Unix system (high byte 3), so that the external attributes are permissions.
const VERSION_MADE_BY: u16 = (3 << 8) | VERSION_NEEDED;
const STORED: u16 = 0;
const DEFLATED: u16 = 8;
/// MS-DOS date of 1980-01-01 (day 1, month 1, year 0 from 1980); the time is 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
/// A regular file, rw-r--r--.
const UNIX_MODE: u32 = 0o100_644;

/// libdeflate's level for the parts. On the seed (embedded font subsets; callgrind, whole
/// conversion) zlib at level 1 took 35 M instructions for 229 KB; libdeflate at 1 takes
/// 14 M (224 KB), at 6 28 M (217 KB).
const DEFLATE_LEVEL: i32 = 1;

/// Why a package could not be zipped: it outgrew the 32-bit zip format.
#[derive(Debug)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the package is larger than 4 GB or has more than 65,535 parts")
    }
}

/// One entry as written: where its local header starts and what the directory repeats.
struct Entry<'a> {
    name: &'a str,
    method: u16,
    crc: u32,
    packed: u32,
    size: u32,
    offset: u32,
}

/// Zip `parts` (name, bytes) in the given order; each is deflated unless that would not
/// make it smaller.
pub fn zip(parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, TooLarge> {
    let count = u16::try_from(parts.len()).map_err(|_| TooLarge)?;
    let mut z = Deflater::new(DEFLATE_LEVEL);
    let mut out = Vec::new();
    let mut entries = Vec::with_capacity(parts.len());
    for (name, data) in parts {
        let deflated = z.raw(data).filter(|d| d.len() < data.len());
        let (method, body) = match &deflated {
            Some(d) => (DEFLATED, d.as_slice()),
            None => (STORED, data.as_slice()),
        };
        let entry = Entry {
            name,
            method,
            crc: crc32fast::hash(data),
            packed: u32::try_from(body.len()).map_err(|_| TooLarge)?,
            size: u32::try_from(data.len()).map_err(|_| TooLarge)?,
            offset: u32::try_from(out.len()).map_err(|_| TooLarge)?,
        };
        put32(&mut out, LOCAL_HEADER);
        put16(&mut out, VERSION_NEEDED);
        common(&mut out, &entry)?;
        put16(&mut out, 0); // extra field length
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(body);
        entries.push(entry);
    }
    let directory = u32::try_from(out.len()).map_err(|_| TooLarge)?;
    for entry in &entries {
        put32(&mut out, CENTRAL_HEADER);
        put16(&mut out, VERSION_MADE_BY);
        put16(&mut out, VERSION_NEEDED);
        common(&mut out, entry)?;
        put16(&mut out, 0); // extra field length
        put16(&mut out, 0); // comment length
        put16(&mut out, 0); // disk number
        put16(&mut out, 0); // internal attributes
        put32(&mut out, UNIX_MODE << 16);
        put32(&mut out, entry.offset);
        out.extend_from_slice(entry.name.as_bytes());
    }
    let directory_size = u32::try_from(out.len()).map_err(|_| TooLarge)? - directory;
    put32(&mut out, END_OF_DIRECTORY);
    put16(&mut out, 0); // this disk
    put16(&mut out, 0); // the directory's disk
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, directory_size);
    put32(&mut out, directory);
    put16(&mut out, 0); // comment length
    Ok(out)
}

/// The fields local and central headers share, from the flags to the name's length.
fn common(out: &mut Vec<u8>, e: &Entry) -> Result<(), TooLarge> {
    put16(out, 0); // flags: names are ASCII part names
    put16(out, e.method);
    put16(out, 0); // time 00:00:00
    put16(out, DOS_DATE);
    put32(out, e.crc);
    put32(out, e.packed);
    put32(out, e.size);
    put16(out, u16::try_from(e.name.len()).map_err(|_| TooLarge)?);
    Ok(())
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

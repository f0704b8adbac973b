//! The files a build produces, and the sink each producer hands them to.

/// A file of the site: path relative to the output folder (with `/`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where each produced file goes as soon as it is ready: the writer of `cispgen build`
/// (so that no page waits in memory for the others), or a list in `cispgen serve`.
/// Generic over the error so that producers need not know what the sink does.
pub type Sink<'s, E> = dyn Fn(Output) -> Result<(), E> + Sync + 's;

/// Assets whose names carry their content hash (cached forever by browsers).
pub const FINGERPRINTED: &[&str] = &[
    "static/style.css",
    "static/recherche.js",
    "static/conseillers.js",
];

/// A short content hash for cache-busting file names (FNV-1a, stable across runs).
pub fn empreinte(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:010x}", h & 0xff_ffff_ffff)
}

/// `static/style.css` → `static/style.<hash>.css`.
pub fn fingerprinted(path: &str, bytes: &[u8]) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{}.{ext}", empreinte(bytes)),
        None => format!("{path}.{}", empreinte(bytes)),
    }
}

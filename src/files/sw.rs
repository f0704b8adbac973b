//! The root-scope service worker `/sw.js`.

use crate::site::Output;

/// This build's name (the name of its cache), then the theme's worker (`worker`), in one
/// file: one request less on a first visit than importing it.
pub fn service_worker(version: &str, worker: Option<&[u8]>) -> Output {
    let mut bytes = format!(
        "// Généré par cispgen à chaque construction : le nom du cache change avec les données.\n\
         self.CISP_VERSION = \"{version}\";\n"
    )
    .into_bytes();
    if let Some(js) = worker {
        bytes.extend_from_slice(js);
    }
    Output {
        path: "sw.js".into(),
        bytes,
    }
}

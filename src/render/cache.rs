//! Rendering one page, and the cache of `cispgen serve` that skips pages whose template
//! and context did not change.

use super::{Env, RenderError, Theme, minify, pages, tera_message};
use crate::site::{Output, urls};

/// A rendered page and the hash of the context it was rendered from.
type CachedPage = (u64, std::sync::Arc<Vec<u8>>);

/// Pages of a previous render, reused by `cispgen serve` when a page's template and
/// context are unchanged (tera and minify-html are most of the render time). Keyed by
/// URL; valid for one [`Theme`] only: drop it when the theme is reloaded.
#[derive(Default)]
pub struct RenderCache {
    pages: std::sync::Mutex<std::collections::HashMap<String, CachedPage>>,
    /// Pages rendered by the last call (the others came from the cache).
    pub rendered: std::sync::atomic::AtomicUsize,
}

/// A hash of everything a page's HTML depends on besides the theme.
fn context_hash(template: &str, context: &tera::Context) -> u64 {
    use std::hash::Hasher as _;
    struct HashWriter(std::collections::hash_map::DefaultHasher);
    impl std::fmt::Write for HashWriter {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    let mut w = HashWriter(std::collections::hash_map::DefaultHasher::new());
    let _ = std::fmt::Write::write_fmt(&mut w, format_args!("{template}\0{context:?}"));
    w.0.finish()
}

pub(super) fn render_one(
    env: &Env,
    theme: &Theme,
    cache: Option<&RenderCache>,
    mut rendu: pages::Rendu,
) -> Result<Output, RenderError> {
    rendu.context.insert("site", &env.site);
    let Some(cache) = cache else {
        return render_page(theme, rendu);
    };
    let key = context_hash(rendu.template, &rendu.context);
    let hit = cache.pages.lock().ok().and_then(|pages| {
        pages
            .get(&rendu.url)
            .filter(|(k, _)| *k == key)
            .map(|(_, b)| b.clone())
    });
    if let Some(bytes) = hit {
        return Ok(Output {
            path: urls::fichier(&rendu.url),
            bytes: bytes.to_vec(),
        });
    }
    cache
        .rendered
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let url = rendu.url.clone();
    let output = render_page(theme, rendu)?;
    if let Ok(mut pages) = cache.pages.lock() {
        pages.insert(url, (key, std::sync::Arc::new(output.bytes.clone())));
    }
    Ok(output)
}

/// Room for a typical page (8–16 KB at 1 ×), so that the buffer seldom grows.
const PAGE_OCTETS: usize = 16 * 1024;

/// Renders one page whose context already holds `site` (see [`Theme::site_context`]):
/// also used for pages built outside the full render, such as « Nouveautés ».
pub fn render_page(theme: &Theme, rendu: pages::Rendu) -> Result<Output, RenderError> {
    // Into bytes directly: `render` checks that its own output is UTF-8 (7 ms of a build
    // at 1 ×) only for us to turn it back into bytes.
    let mut html = Vec::with_capacity(PAGE_OCTETS);
    theme
        .tera
        .render_to(rendu.template, &rendu.context, &mut html)
        .map_err(|e| RenderError::Template {
            page: rendu.url.clone(),
            message: tera_message(&e),
        })?;
    let bytes = if theme.pre_minified {
        html
    } else {
        minify(&html)
    };
    Ok(Output {
        path: urls::fichier(&rendu.url),
        bytes,
    })
}

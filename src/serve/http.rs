//! Answering requests: paths, content types, the reload script, the event stream.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::*;

/// The site file a request path names, or `None` (→ 404). Decodes percent-escapes once
/// and refuses anything that is not a plain relative path.
pub fn site_path(raw: &str) -> Option<String> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let rest = path.strip_prefix('/')?;
    let decoded = percent_decode(rest)?;
    if decoded.contains(['\0', '\\', '%']) || decoded.starts_with('/') {
        return None;
    }
    let dir = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.trim_end_matches('/');
    if !trimmed.is_empty() {
        for segment in trimmed.split('/') {
            if segment.is_empty() || segment == "." || segment == ".." || segment.contains(':') {
                return None;
            }
        }
    }
    let file = if dir {
        if trimmed.is_empty() {
            "index.html".to_string()
        } else {
            format!("{trimmed}/index.html")
        }
    } else {
        trimmed.to_string()
    };
    crate::write::safe_relative(&file)?;
    Some(file)
}

/// `%XX` decoding; `None` for a bad escape or a result that is not UTF-8.
pub(super) fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content-Type by extension.
pub fn content_type(path: &str) -> &'static str {
    if path.ends_with("atom.xml") {
        return "application/atom+xml; charset=utf-8";
    }
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "geojson" => "application/geo+json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page, just before `</body>` (or at the end).
pub fn inject_reload(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS_PATH}\" data-build=\"{build}\" defer></script>");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

pub(super) fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        tiny_http::Header::from_bytes(&b"X-Invalid"[..], &b"1"[..])
            .unwrap_or_else(|()| unreachable!("static header"))
    })
}

pub(super) fn respond(
    request: tiny_http::Request,
    status: u16,
    content_type: &str,
    body: Vec<u8>,
    extra: &[(&str, &str)],
) {
    let mut response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    for (name, value) in extra {
        response = response.with_header(header(name, value));
    }
    let _ = request.respond(response);
}

/// A page shown while no build has succeeded yet: the overlay says why.
pub(super) fn waiting_page(build: u64) -> Vec<u8> {
    let html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>cispgen serve</title></head>\
                <body><p>Le site n'a pas encore pu être construit : corrigez les erreurs ci-dessus.</p></body></html>";
    inject_reload(html.as_bytes(), build)
}

pub(super) fn handle(shared: &Arc<Shared>, request: tiny_http::Request) {
    use tiny_http::Method;
    if !matches!(request.method(), Method::Get | Method::Head) {
        respond(
            request,
            405,
            "text/plain; charset=utf-8",
            b"405 : seules GET et HEAD sont permises\n".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
        return;
    }
    let raw = request.url().to_string();
    let path = raw.split(['?', '#']).next().unwrap_or("");
    match path {
        RELOAD_JS_PATH => {
            return respond(
                request,
                200,
                content_type(".js"),
                RELOAD_JS.as_bytes().to_vec(),
                &[],
            );
        }
        STATUS_PATH => {
            let (_, statut) = shared.snapshot();
            return respond(
                request,
                200,
                "application/json",
                serde_json::to_vec(&statut).unwrap_or_default(),
                &[],
            );
        }
        EVENTS_PATH => return events(shared, request),
        "/sw.js" => {
            return respond(
                request,
                200,
                content_type(".js"),
                NO_SERVICE_WORKER.as_bytes().to_vec(),
                &[],
            );
        }
        _ => {}
    }
    let (site, _) = shared.snapshot();
    if site.files.is_empty() {
        return respond(
            request,
            503,
            content_type(".html"),
            waiting_page(site.build),
            &[("Retry-After", "1")],
        );
    }
    let Some(file) = site_path(&raw) else {
        return not_found(request, &site);
    };
    match site.files.get(&file) {
        Some(bytes) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") {
                inject_reload(bytes, site.build)
            } else {
                bytes.to_vec()
            };
            respond(request, 200, kind, body, &[]);
        }
        None if !path.ends_with('/') && site.files.contains_key(&format!("{file}/index.html")) => {
            let location = format!("{path}/");
            respond(
                request,
                301,
                "text/plain; charset=utf-8",
                Vec::new(),
                &[("Location", &location)],
            );
        }
        None => not_found(request, &site),
    }
}

pub(super) fn not_found(request: tiny_http::Request, site: &Site) {
    match site.files.get("404.html") {
        Some(page) => respond(
            request,
            404,
            content_type(".html"),
            inject_reload(page, site.build),
            &[],
        ),
        None => respond(
            request,
            404,
            "text/plain; charset=utf-8",
            b"404 : page introuvable\n".to_vec(),
            &[],
        ),
    }
}

/// Server-Sent Events: the current state at once, then each new state; a comment every
/// 15 s to notice closed connections. Each stream runs on its own thread.
pub(super) fn events(shared: &Arc<Shared>, request: tiny_http::Request) {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_EVENT_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        return respond(
            request,
            503,
            "text/plain; charset=utf-8",
            b"trop de connexions\n".to_vec(),
            &[],
        );
    }
    let shared_for_count = shared.clone();
    let shared = shared.clone();
    let spawned = std::thread::Builder::new().name("cispgen-sse".into()).spawn(move || {
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n\
                    Connection: close\r\nX-Content-Type-Options: nosniff\r\n\r\nretry: 500\n\n";
        let mut seen: Option<u64> = None;
        let mut ok = writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_ok();
        while ok {
            let statut = {
                let mut state = shared.lock();
                if seen == Some(state.statut.generation) {
                    state = shared
                        .changed
                        .wait_timeout_while(state, Duration::from_secs(15), |s| Some(s.statut.generation) == seen)
                        .map(|(s, _)| s)
                        .unwrap_or_else(|poisoned| poisoned.into_inner().0);
                }
                (Some(state.statut.generation) != seen).then(|| state.statut.clone())
            };
            let message = match statut {
                Some(statut) => {
                    seen = Some(statut.generation);
                    format!("event: status\ndata: {}\n\n", serde_json::to_string(&statut).unwrap_or_default())
                }
                None => ": ping\n\n".to_string(),
            };
            ok = writer.write_all(message.as_bytes()).and_then(|()| writer.flush()).is_ok();
        }
        shared.streams.fetch_sub(1, Ordering::SeqCst);
    });
    if spawned.is_err() {
        // The request went into the closure and was dropped (tiny_http answers 500); the
        // thread never ran, so the stream is not counted.
        shared_count_release(&shared_for_count);
    }
}

pub(super) fn shared_count_release(shared: &Shared) {
    shared.streams.fetch_sub(1, Ordering::SeqCst);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        for raw in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2FCargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/%252e%252e/Cargo.toml",
            "/formations/../../Cargo.toml",
            "/./index.html",
            "/a/%00/b",
            "/..\\Cargo.toml",
            "/%5c..%5cCargo.toml",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/C:/x",
            "/%zz",
            "/%c3",
            "relative",
        ] {
            assert_eq!(site_path(raw), None, "{raw}");
        }
    }

    #[test]
    fn clean_urls_map_to_files() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/formations/x/?q=1").as_deref(),
            Some("formations/x/index.html")
        );
        assert_eq!(
            site_path("/static/style.abc.css").as_deref(),
            Some("static/style.abc.css")
        );
        assert_eq!(
            site_path("/communes/%C3%A9/").as_deref(),
            Some("communes/é/index.html")
        );
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let html = b"<html><body><p>x</p></body></html>";
        let out = String::from_utf8(inject_reload(html, 7)).expect("utf8");
        assert!(
            out.ends_with(
                "<script src=\"/_cispgen/reload.js\" data-build=\"7\" defer></script></body></html>"
            ),
            "{out}"
        );
        assert_eq!(content_type("a/b/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("nouveautes/atom.xml"),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(content_type("x.ics"), "text/calendar; charset=utf-8");
    }
}

//! Editorial pages from `content/`: Markdown files with a YAML front matter
//! (`title`, `description`, `order`, `draft`, and `date` for news).
//!
//! - `content/_index.md`: the home page's short text;
//! - `content/pages/<slug>.md` → `/pages/<slug>/`;
//! - `content/actualites/<slug>.md` → `/actualites/<slug>/`, newest first, with a feed.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diag::{Diagnostic, FileId, Sources, Span};
use crate::model::Date;
use crate::text::slugify;
use crate::yaml;

pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub order: i64,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub date: Option<Date>,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub front: FrontMatter,
    pub markdown: String,
    pub fichier: FileId,
}

#[derive(Debug, Default)]
pub struct Content {
    pub accueil: Option<Page>,
    /// Sorted by `order`, then slug.
    pub pages: Vec<Page>,
    /// Newest first.
    pub actualites: Vec<Page>,
    pub actualites_intro: Option<Page>,
}

/// Reads every Markdown file of `root/content`. Drafts are left out.
pub fn load(root: &Path, sources: &mut Sources, findings: &mut Vec<Diagnostic>) -> Content {
    let dir = root.join(CONTENT_DIR);
    let mut content = Content {
        accueil: read(&dir.join("_index.md"), root, sources, findings),
        actualites_intro: read(&dir.join("actualites/_index.md"), root, sources, findings),
        pages: read_dir(&dir.join("pages"), root, sources, findings),
        actualites: Vec::new(),
    };
    content
        .pages
        .sort_by(|a, b| (a.front.order, &a.slug).cmp(&(b.front.order, &b.slug)));
    content.actualites = read_dir(&dir.join("actualites"), root, sources, findings);
    for page in &content.actualites {
        if page.front.date.is_none() {
            findings.push(
                Diagnostic::error(
                    Span {
                        file: page.fichier,
                        line: 1,
                        col: 1,
                    },
                    "une actualité doit avoir une date",
                )
                .with_hint("ajoutez « date: AAAA-MM-JJ » dans l'en-tête"),
            );
        }
    }
    content
        .actualites
        .sort_by(|a, b| (b.front.date, &a.slug).cmp(&(a.front.date, &b.slug)));
    content
}

fn read_dir(
    dir: &Path,
    root: &Path,
    sources: &mut Sources,
    findings: &mut Vec<Diagnostic>,
) -> Vec<Page> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| read(p, root, sources, findings))
        .filter(|p| !p.front.draft)
        .collect()
}

fn read(
    path: &Path,
    root: &Path,
    sources: &mut Sources,
    findings: &mut Vec<Diagnostic>,
) -> Option<Page> {
    let text = std::fs::read_to_string(path).ok()?;
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(&text)
        .replace("\r\n", "\n");
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let file = sources.add(shown, text.clone());
    let at = |line| Span { file, line, col: 1 };
    let Some(rest) = text.strip_prefix("---\n") else {
        findings.push(
            Diagnostic::error(at(1), "la page n'a pas d'en-tête").with_hint(
                "commencez par une ligne « --- », puis « title: … », puis une ligne « --- »",
            ),
        );
        return None;
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
    else {
        findings.push(
            Diagnostic::error(at(1), "l'en-tête n'est pas refermé")
                .with_hint("ajoutez une ligne « --- » après l'en-tête"),
        );
        return None;
    };
    let header = &rest[..end];
    let markdown = rest.get(end + 5..).unwrap_or("").to_string();
    // Parse the header with the file's line numbers: pad with the opening line.
    let padded = format!("\n{header}");
    let front = match yaml::parse(&padded, file) {
        Ok(Some(node)) => yaml::from_node::<FrontMatter>(&node, findings),
        Ok(None) => Err(Diagnostic::error(at(2), "l'en-tête est vide")
            .with_hint("écrivez au moins « title: … »")),
        Err(d) => Err(d),
    };
    match front {
        Ok(front) => Some(Page {
            slug: slugify(
                &path
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default(),
            ),
            front,
            markdown,
            fichier: file,
        }),
        Err(d) => {
            findings.push(d);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tempdir");
        for (path, text) in files {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
            std::fs::write(full, text).expect("write");
        }
        dir
    }

    #[test]
    fn pages_are_sorted_and_drafts_skipped() {
        let dir = site(&[
            (
                "content/pages/b.md",
                "---\ntitle: B\norder: 1\n---\nCorps B\n",
            ),
            (
                "content/pages/a.md",
                "---\ntitle: A\norder: 2\n---\nCorps A\n",
            ),
            ("content/pages/c.md", "---\ntitle: C\ndraft: true\n---\n"),
            (
                "content/actualites/n1.md",
                "---\ntitle: N1\ndate: 2026-01-01\n---\nx\n",
            ),
            (
                "content/actualites/n2.md",
                "---\ntitle: N2\ndate: 2026-03-01\n---\nx\n",
            ),
        ]);
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let content = load(dir.path(), &mut sources, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let slugs: Vec<&str> = content.pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["b", "a"]);
        assert_eq!(content.pages[0].markdown, "Corps B\n");
        let news: Vec<&str> = content
            .actualites
            .iter()
            .map(|p| p.front.title.as_str())
            .collect();
        assert_eq!(news, ["N2", "N1"]);
    }

    #[test]
    fn header_errors_carry_the_file_line() {
        let dir = site(&[("content/pages/x.md", "---\ntitle: X\ntitel: Y\n---\n")]);
        let mut sources = Sources::default();
        let mut findings = Vec::new();
        let content = load(dir.path(), &mut sources, &mut findings);
        assert_eq!(content.pages.len(), 1);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].span.line, 3, "line in the .md file");
    }
}

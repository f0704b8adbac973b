//! The files of a build that are not pages: feeds and calendars, maps, the job titles
//! of `/metiers/`, the service worker and the production headers. None of them goes
//! through the template engine; `assemble` orders them beside the pages.

pub mod cartes;
pub mod feeds;
pub mod headers;
pub mod metiers;
pub mod sw;

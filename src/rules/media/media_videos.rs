use crate::rules::media::files::checked_png;
use crate::rules::prelude::*;

/// The hosts a listing video may be served from.
const HOSTS: &[&str] = &[
    "youtube.com",
    "www.youtube.com",
    "youtu.be",
    "vimeo.com",
    "www.vimeo.com",
];

declare_rule! {
    /// ## What it checks
    /// `listing.media.videos` has at most 5 entries; each `url` is an http(s) link whose host
    /// is YouTube (`youtube.com`, `www.youtube.com`, `youtu.be`) or Vimeo (`vimeo.com`,
    /// `www.vimeo.com`), and each `thumbnail` is a real PNG image (signature checked) of
    /// exactly 1280x720 pixels.
    ///
    /// The host is taken from the parsed URL, so `https://youtube.com.example.net/...` or
    /// `https://youtube.com@example.net/...` do not pass for YouTube.
    ///
    /// ## Why Partner Center rejects it
    /// Listing videos must be hosted on YouTube or Vimeo, at most five of them, each with a
    /// name, a link and a 1280x720 PNG thumbnail; a video link elsewhere (a company site, a
    /// file share) is rejected, and a video that does not play fails content validation.
    ///
    /// ## Example
    /// ```yaml
    /// listing:
    ///   media:
    ///     videos:
    ///       - { title: Overview, url: "https://contoso.example/overview.mp4", thumbnail: assets/video-1.png }
    /// ```
    /// Use instead:
    /// ```yaml
    /// listing:
    ///   media:
    ///     videos:
    ///       - { title: Overview, url: "https://www.youtube.com/watch?v=abc123XYZ", thumbnail: assets/video-1.png }
    /// ```
    ///
    /// ## Source
    /// - Videos: <= 5, YouTube or Vimeo only, name, link and a 1280x720 PNG thumbnail:
    ///   Microsoft, VM offer listing,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/azure-vm-offer-listing.md>
    /// - Microsoft, Azure Marketplace listing guidelines, #6,
    ///   <https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/marketplace/marketplace-criteria-content-validation.md>
    RULE {
        id: "media-videos",
        area: Media,
        severity: Error,
        kind: Document,
        summary: "<= 5; URL on youtube.com, youtu.be or vimeo.com; thumbnail a 1280x720 PNG",
        check: check,
    }
}

fn check(ctx: &mut Ctx) {
    for (item, _) in ctx.items("/listing/media/videos") {
        let url_ptr = format!("{item}/url");
        if let Some(url) = ctx.str(&url_ptr) {
            let problem = match url_host(url) {
                None => Some("is not an absolute http(s) URL".to_string()),
                Some(host) if HOSTS.contains(&host.as_str()) => None,
                Some(_) if ctx.from_env(&url_ptr) => Some("is hosted elsewhere".to_string()),
                Some(host) => Some(format!("is hosted on `{host}`")),
            };
            if let Some(problem) = problem {
                ctx.report(
                    &url_ptr,
                    format!("the video URL `{}` {problem}; videos must be on youtube.com, youtu.be or vimeo.com", ctx.quote(&url_ptr, url)),
                    "upload the video to YouTube or Vimeo and link to it there",
                );
            }
        }
        let thumb = format!("{item}/thumbnail");
        if ctx.get(&thumb).is_none() {
            continue;
        }
        let Some((w, h)) = checked_png(ctx, &thumb, "the video thumbnail") else {
            continue;
        };
        if (w, h) != (1280, 720) {
            ctx.report(
                &thumb,
                format!("the video thumbnail is {w}x{h} px; it must be exactly 1280x720 px"),
                "export the thumbnail as a 1280x720 PNG",
            );
        }
    }
}

/// The host of an absolute `http`/`https` URL, lowercased, without userinfo, port or a
/// trailing dot; `None` when the text is not such a URL.
pub fn url_host(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('\\') {
        return None;
    }
    let hostport = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = hostport.strip_prefix('[') {
        &v6[..v6.find(']')?]
    } else {
        hostport.split(':').next().unwrap_or_default()
    };
    let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
    let valid = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b':');
    valid.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::url_host;

    #[test]
    fn parses_the_host() {
        assert_eq!(
            url_host("https://www.youtube.com/watch?v=x").as_deref(),
            Some("www.youtube.com")
        );
        assert_eq!(url_host("HTTPS://YouTu.be/x").as_deref(), Some("youtu.be"));
        assert_eq!(
            url_host("https://vimeo.com:443").as_deref(),
            Some("vimeo.com")
        );
        assert_eq!(
            url_host("https://vimeo.com./1").as_deref(),
            Some("vimeo.com")
        );
        assert_eq!(
            url_host("https://youtube.com@evil.example/x").as_deref(),
            Some("evil.example")
        );
        assert_eq!(
            url_host("https://youtube.com.evil.example/").as_deref(),
            Some("youtube.com.evil.example")
        );
        assert_eq!(
            url_host("https://evil.example/?u=https://youtube.com").as_deref(),
            Some("evil.example")
        );
        assert_eq!(url_host("https://[::1]:8080/").as_deref(), Some("::1"));
        assert_eq!(url_host("ftp://youtube.com/x"), None);
        assert_eq!(url_host("youtube.com/watch"), None);
        assert_eq!(url_host("https:///x"), None);
    }
}

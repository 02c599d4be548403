//! Markdown for a CI job summary or a pull request comment: per offer, a table and a Mermaid
//! `gantt` chart (GitHub renders ```` ```mermaid ```` blocks).

use jiff::{SignedDuration, Timestamp};

use crate::timeline::render::{self, Entry};
use crate::timeline::Projection;

/// The whole document.
pub fn render(entries: &[Entry]) -> String {
    let mut out = String::from("## Publishing timeline\n\n");
    if entries.is_empty() {
        out.push_str("No offer manifests were found.\n");
        return out;
    }
    out.push_str("Each step at the longest time Microsoft expects it to take.\n\n");
    for e in entries {
        out.push_str(&format!("- **{}**: {}\n", cell(e.id), status(e.projection)));
    }
    for e in entries {
        out.push('\n');
        out.push_str(&offer(e));
    }
    out
}

/// One line on an offer: "live by … (…)" or "rejected at … by …: `rule`", and the target.
pub fn status(p: &Projection) -> String {
    let tz = &p.timezone;
    let mut s = match &p.rejected {
        Some(r) => format!(
            "rejected at {} by {}: {} (go-live {} later)",
            cell(&r.step),
            render::date(r.date, tz),
            r.rules
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", "),
            render::duration(r.delay)
        ),
        None => format!(
            "live by {} ({})",
            render::date(p.end(), tz),
            render::duration(p.total())
        ),
    };
    if let Some(d) = &p.deadline {
        match d.margin {
            Some(_) if d.met => s.push_str(&format!("; target {} met", cell(&d.written))),
            Some(m) => s.push_str(&format!(
                "; target {} missed by {}",
                cell(&d.written),
                render::duration(m)
            )),
            None => s.push_str(&format!("; target {} not met", cell(&d.written))),
        }
    }
    s
}

/// One offer's section: a heading, the table, and the Mermaid chart (for other Markdown
/// reports that show timelines too).
pub fn offer(e: &Entry) -> String {
    let p = e.projection;
    let tz = &p.timezone;
    let mut out = format!("### {}\n\n", cell(e.id));
    out.push_str(&format!(
        "{} · start {} ({}) · times in {}\n\n",
        crate::escape::md_code(e.path),
        render::time(p.start, tz),
        p.start_from.describe(),
        render::zone_label(tz, p.start)
    ));
    out.push_str("| # | Step | Start | Latest end | Total | Note |\n|--:|---|---|---|---|---|\n");
    for (i, s) in p.steps.iter().enumerate() {
        let note = match &p.rejected {
            Some(r) if r.index == i => format!(
                "**rejected**: {}",
                r.rules
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Some(r) if i > r.index => "not reached".into(),
            _ if s.manual => "manual (publisher)".into(),
            _ => String::new(),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            i + 1,
            cell(&s.name),
            render::time(s.start, tz),
            render::time(s.end, tz),
            render::duration(p.start.duration_until(s.end)),
            note
        ));
    }
    out.push('\n');
    match &p.rejected {
        Some(r) => out.push_str(&format!(
            "**Rejected at {}** by {}; no go-live until it is fixed and resubmitted: {}.\n",
            cell(&r.step),
            render::time(r.date, tz),
            render::cost(r, tz)
        )),
        None => out.push_str(&format!(
            "**Go-live by {}** ({}).\n",
            render::time(p.end(), tz),
            render::duration(p.total())
        )),
    }
    if let Some(d) = render::deadline_sentence(p, cell) {
        out.push_str(&format!("\n{}.\n", capitalize(&d)));
    }
    out.push('\n');
    out.push_str(&gantt(e));
    out
}

/// A Mermaid `gantt` chart: the steps up to go-live, or up to the rejecting step (`crit`).
pub fn gantt(e: &Entry) -> String {
    let p = e.projection;
    let tz = &p.timezone;
    let at = |t: Timestamp| {
        t.to_zoned_datetime(tz.clone())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string()
    };
    let mut out = String::from("```mermaid\ngantt\n");
    out.push_str(&format!(
        "    title {} ({})\n",
        task(e.id),
        render::zone_label(tz, p.start)
    ));
    out.push_str("    dateFormat YYYY-MM-DD HH:mm:ss\n    axisFormat %m-%d\n    section Steps\n");
    let last = p.rejected.as_ref().map(|r| r.index).unwrap_or(usize::MAX);
    for (i, s) in p.steps.iter().enumerate().take_while(|(i, _)| *i <= last) {
        let mut fields: Vec<String> = Vec::new();
        if i == last {
            fields.push("crit".into());
        }
        if s.duration.is_zero() {
            fields.push("milestone".into());
        }
        fields.push(format!("s{}", i + 1));
        fields.push(at(s.start));
        fields.push(length(s.duration));
        let name = if s.manual {
            format!("{} (manual)", s.name)
        } else {
            s.name.clone()
        };
        out.push_str(&format!("    {} :{}\n", task(&name), fields.join(", ")));
    }
    if p.rejected.is_none() {
        out.push_str(&format!(
            "    Go-live :milestone, live, {}, 0d\n",
            at(p.end())
        ));
    }
    out.push_str("```\n");
    out
}

/// A Mermaid duration in the largest unit that divides it exactly.
fn length(d: SignedDuration) -> String {
    let s = d.as_secs();
    for (unit, n) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if s % n == 0 {
            return format!("{}{unit}", s / n);
        }
    }
    format!("{s}s")
}

/// Text safe in a Mermaid task name or title (`:` and `;` separate fields, `#` starts an entity).
fn task(s: &str) -> String {
    crate::escape::mermaid(s)
}

/// A value from the checkout (an offer id, a step name of the configuration, a date as
/// written) as Markdown prose in which nothing links or renders.
fn cell(s: &str) -> String {
    crate::escape::md_text(s)
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

//! `offer-lint timeline`: a table per offer for the terminal.

use crate::timeline::render::{self, Entry};

/// Every offer's table, separated by blank lines.
pub fn render(entries: &[Entry]) -> String {
    if entries.is_empty() {
        return "no offers to project\n".into();
    }
    let mut out = String::new();
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&offer(e));
    }
    // Ids, paths and step names come from the checkout: no control sequence reaches the
    // terminal (the table has no colours of its own to keep).
    crate::escape::control(&out).into_owned()
}

fn offer(e: &Entry) -> String {
    let p = e.projection;
    let tz = &p.timezone;
    let mut out = format!("{}  ({})\n", e.id, e.path);
    out.push_str(&format!(
        "start {} ({}), times in {}, each step at its longest\n\n",
        render::time(p.start, tz),
        p.start_from.describe(),
        render::zone_label(tz, p.start)
    ));
    let rows: Vec<[String; 6]> = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let note = match &p.rejected {
                Some(r) if r.index == i => format!("rejected: {}", r.rules.join(", ")),
                Some(r) if i > r.index => "not reached".into(),
                _ if s.manual => "manual (publisher)".into(),
                _ => String::new(),
            };
            [
                (i + 1).to_string(),
                s.name.clone(),
                render::time(s.start, tz),
                render::time(s.end, tz),
                render::duration(p.start.duration_until(s.end)),
                note,
            ]
        })
        .collect();
    let head = ["#", "STEP", "START", "LATEST END", "TOTAL", "NOTE"];
    let mut w = head.map(|h| h.chars().count());
    for r in &rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(c.chars().count());
        }
    }
    let line = |cells: [&str; 6]| {
        let mut s = format!("  {:>w0$}", cells[0], w0 = w[0]);
        for k in 1..6 {
            s.push_str(&format!("  {:w$}", cells[k], w = w[k]));
        }
        format!("{}\n", s.trim_end())
    };
    out.push_str(&line(head));
    for r in &rows {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3], &r[4], &r[5]]));
    }
    out.push('\n');
    match &p.rejected {
        Some(r) => out.push_str(&format!(
            "rejected at {} by {}: {}; no go-live until it is fixed and resubmitted\n{}\n",
            r.step,
            render::time(r.date, tz),
            r.rules.join(", "),
            render::cost(r, tz)
        )),
        None => out.push_str(&format!(
            "go-live by {} ({})\n",
            render::time(p.end(), tz),
            render::duration(p.total())
        )),
    }
    if let Some(d) = render::deadline_sentence(p, |s| s.to_string()) {
        out.push_str(&d);
        out.push('\n');
    }
    out
}

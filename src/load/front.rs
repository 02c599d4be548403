//! The front ends meet here: a parsed file becomes the units the checks run on, whatever its
//! format. A manifest is one unit; a Product Ingestion document (configure payload, resource
//! tree) is one unit per offer it holds, translated into the manifest model with its spans.

use crate::load::ingestion::{self, Detected, DocumentKind, IngestionDoc, Offer};
use std::collections::HashMap;

use crate::load::Document;

/// One document the checks run on: a manifest, or one offer of a Product Ingestion
/// document translated into the manifest model. `check/` knows only its `kind`.
pub struct Unit {
    pub doc: Document,
    /// Ingestion only: the translated offer, for pointers back into the JSON.
    pub offer: Option<Offer>,
    pub kind: DocumentKind,
    /// Ingestion only: pointers, manifest → JSON (see `Offer::paths`).
    pub paths: Vec<(String, String)>,
    pub has_product: bool,
}

impl Unit {
    pub fn manifest(doc: Document) -> Unit {
        Unit {
            doc,
            offer: None,
            kind: DocumentKind::Manifest,
            paths: Vec::new(),
            has_product: true,
        }
    }

    pub fn from_offer(mut o: Offer, kind: DocumentKind) -> Unit {
        Unit {
            doc: Document {
                value: std::mem::take(&mut o.value),
                index: std::mem::take(&mut o.index),
                block_scalars: Vec::new(),
            },
            kind,
            paths: std::mem::take(&mut o.paths),
            has_product: o.has_product,
            offer: Some(o),
        }
    }
}

impl Unit {
    /// Display paths, manifest → JSON (`plans[0].technicalConfiguration` →
    /// `resources[3]`), so that messages name what the user wrote.
    pub fn display_paths(&self) -> HashMap<String, String> {
        let show = crate::message::display_path;
        self.paths
            .iter()
            .map(|(m, j)| {
                let json = if j.is_empty() {
                    "the resource".to_string()
                } else {
                    show(j)
                };
                (show(m), json)
            })
            .collect()
    }
}

/// What a file hands the checks.
pub struct Front {
    pub units: Vec<Unit>,
    /// The file as parsed, when its units are translations of it (findings on the file as
    /// written, such as the ingestion rules', are located in it).
    pub raw: Option<Document>,
    /// A response of the API (not sent to it): what it is.
    pub response: Option<&'static str>,
    detected: Detected,
}

impl Front {
    /// The Product Ingestion document, for the rules on the document itself.
    pub fn ingestion(&self) -> Option<IngestionDoc<'_>> {
        IngestionDoc::new(&self.raw.as_ref()?.value, &self.detected)
    }
}

/// Splits a parsed file into units by what it is (see [`ingestion::detect`]).
pub fn front(document: Option<Document>) -> Front {
    let detected = document
        .as_ref()
        .map(|d| ingestion::detect(&d.value))
        .unwrap_or(Detected::Manifest);
    let mut out = Front {
        units: Vec::new(),
        raw: None,
        response: None,
        detected: detected.clone(),
    };
    let Some(doc) = document else {
        return out;
    };
    match detected {
        Detected::Manifest => out.units.push(Unit::manifest(doc)),
        Detected::Response(what) => {
            out.response = Some(what);
            out.raw = Some(doc);
        }
        detected => {
            let mut doc = doc;
            // The units' indexes answer through the file's.
            let index = std::sync::Arc::new(std::mem::take(&mut doc.index));
            if let Some(idoc) = IngestionDoc::new(&doc.value, &detected) {
                let kind = idoc.kind;
                out.units = ingestion::translate(&idoc, &index)
                    .into_iter()
                    .map(|o| Unit::from_offer(o, kind))
                    .collect();
            }
            doc.index = crate::load::yaml::SpanIndex::view(index, None);
            out.raw = Some(doc);
        }
    }
    out
}

//! What a revision after paragraf's changes in the one before it.
//!
//! Signing may add only this after a revision: a signature dictionary, its field and a
//! zero-size widget (with an appearance of its own), the AcroForm gaining the field, the
//! page gaining the widget, the document security store (certificates, CRLs, OCSP
//! responses) and cross-reference streams; the Info dictionary and the XMP may change
//! their modification date, metadata date and producer. Everything else reachable from
//! the catalog must stay as it was, and an object freed is a change.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// What one revision added for signing.
#[derive(Debug, Default)]
pub(super) struct Increment {
    /// The signature dictionaries it added (a field's /V), by object.
    pub signatures: Vec<ObjectId>,
    /// Every change that is no part of signing, said for the registrar.
    pub changes: Vec<String>,
}

/// What `after` changes in `before` (the revision before it).
pub(super) fn increment(before: &Document, after: &Document) -> Increment {
    let mut found = Increment::default();
    let roles = Roles::in_document(before);
    let say =
        |id: &ObjectId, what: &str| format!("objekt {} {}{} {what}", id.0, id.1, roles.of(id));
    let (Ok(old_root), Ok(new_root)) = (root(before), root(after)) else {
        found.changes.push("katalogen går inte att läsa".into());
        return found;
    };
    if after.trailer.has(b"Encrypt") {
        found.changes.push("filen har krypterats".into());
    }
    // Objects accounted for: checked by a rule of their own below.
    let mut accounted: BTreeSet<ObjectId> = BTreeSet::from([new_root]);
    let (Ok(old_catalog), Ok(new_catalog)) = (dict(before, old_root), dict(after, new_root)) else {
        found.changes.push("katalogen är ingen ordlista".into());
        return found;
    };
    for key in differing(old_catalog, new_catalog, &[b"AcroForm", b"DSS"]) {
        found.changes.push(format!("katalogen: /{key} har ändrats"));
    }
    // The Info dictionary and the XMP: dates and producer only.
    if before.trailer.has(b"Info") && !after.trailer.has(b"Info") {
        found
            .changes
            .push("dokumentinformationen (/Info) har tagits bort".into());
    }
    if let (Ok(old), Ok(new)) = (
        before
            .trailer
            .get(b"Info")
            .and_then(|i| before.dereference(i)),
        after
            .trailer
            .get(b"Info")
            .and_then(|i| after.dereference(i)),
    ) {
        if let Some(id) = new.0 {
            accounted.insert(id);
        }
        if let (Ok(old), Ok(new)) = (old.1.as_dict(), new.1.as_dict()) {
            // As text: a writer may store the same title in another encoding.
            let as_text = |d: &Dictionary| {
                let mut d = d.clone();
                for (_, value) in d.iter_mut() {
                    if let Ok(text) = lopdf::decode_text_string(value) {
                        *value = Object::string_literal(text);
                    }
                }
                d
            };
            for key in differing(&as_text(old), &as_text(new), &[b"ModDate", b"Producer"]) {
                found
                    .changes
                    .push(format!("dokumentinformationen: /{key} har ändrats"));
            }
        }
    }
    if let Ok(Object::Reference(id)) = new_catalog.get(b"Metadata") {
        accounted.insert(*id);
        let xmp = |document: &Document| {
            document
                .get_object(*id)
                .and_then(Object::as_stream)
                .map(|s| statements(&s.decompressed_content().unwrap_or(s.content.clone())))
        };
        if xmp(before).ok() != xmp(after).ok() {
            found
                .changes
                .push(say(id, "har ändrats i mer än datum och producent"));
        }
    }
    // The signature fields the AcroForm gained, their widgets and signatures.
    let old_fields = fields(before, old_catalog);
    let new_fields = fields(after, new_catalog);
    if let Ok(Object::Reference(id)) = new_catalog.get(b"AcroForm") {
        accounted.insert(*id);
    }
    if let (Ok(old), Ok(new)) = (
        old_catalog
            .get_deref(b"AcroForm", before)
            .and_then(Object::as_dict),
        new_catalog
            .get_deref(b"AcroForm", after)
            .and_then(Object::as_dict),
    ) {
        for key in differing(old, new, &[b"Fields", b"SigFlags"]) {
            found
                .changes
                .push(format!("formuläret (AcroForm): /{key} har ändrats"));
        }
    }
    if old_fields.iter().any(|f| !new_fields.contains(f)) {
        found
            .changes
            .push("formuläret (AcroForm): ett fält har tagits bort".into());
    }
    let mut widgets = BTreeSet::new();
    for field in new_fields.iter().filter(|f| !old_fields.contains(f)) {
        match signature_field(before, after, *field) {
            Ok(signature) => {
                accounted.insert(*field);
                widgets.insert(*field);
                if let Some(signature) = signature {
                    accounted.insert(signature);
                    found.signatures.push(signature);
                }
                accounted.extend(new_reachable(before, after, appearance(after, *field)));
            }
            Err(why) => found.changes.push(say(field, &why)),
        }
    }
    // The pages: only /Annots may change, gaining only the new widgets.
    for (number, page) in before.get_pages() {
        let (Ok(old), Ok(new)) = (dict(before, page), dict(after, page)) else {
            continue;
        };
        if old == new {
            continue;
        }
        accounted.insert(page);
        for key in differing(old, new, &[b"Annots"]) {
            found
                .changes
                .push(format!("sida {number}: /{key} har ändrats"));
        }
        let annotations = |document: &Document, page: &Dictionary| -> Vec<Object> {
            page.get_deref(b"Annots", document)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default()
        };
        if let Ok(Object::Reference(id)) = new.get(b"Annots") {
            accounted.insert(*id);
        }
        let (old, new) = (annotations(before, old), annotations(after, new));
        let kept = new.get(..old.len()) == Some(old.as_slice());
        let gained_widgets = new[old.len().min(new.len())..]
            .iter()
            .all(|a| a.as_reference().is_ok_and(|id| widgets.contains(&id)));
        if !kept || !gained_widgets {
            found.changes.push(format!(
                "sida {number}: anteckningarna (/Annots) har ändrats utöver en underskrifts fält"
            ));
        }
    }
    // The document security store: validation data, nothing a reader shows.
    if let Ok(dss) = new_catalog.get(b"DSS") {
        let start = match dss {
            Object::Reference(id) => vec![*id],
            Object::Dictionary(d) => references(d),
            _ => Vec::new(),
        };
        let old_dss: BTreeSet<ObjectId> = old_catalog
            .get(b"DSS")
            .map(|d| reachable(before, d.clone()))
            .unwrap_or_default();
        for id in start
            .into_iter()
            .flat_map(|id| reachable(after, Object::Reference(id)))
        {
            if !before.objects.contains_key(&id) || old_dss.contains(&id) {
                accounted.insert(id);
            }
        }
    }
    for (id, object) in &after.objects {
        let earlier = before.objects.get(id);
        if earlier == Some(object) || accounted.contains(id) {
            continue;
        }
        let structural = object.as_stream().is_ok_and(|s| {
            earlier.is_none() && (is(&s.dict, b"Type", b"XRef") || is(&s.dict, b"Type", b"ObjStm"))
        });
        if !structural {
            found.changes.push(say(
                id,
                if earlier.is_some() {
                    "har ändrats"
                } else {
                    "har lagts till utan att höra till en underskrift"
                },
            ));
        }
    }
    for id in before.objects.keys() {
        if !after.objects.contains_key(id) {
            found.changes.push(say(id, "har tagits bort (frigjorts)"));
        }
    }
    found
}

/// A new signature field: a widget of zero size (nothing on the page) whose value, if
/// any, is a new signature dictionary. Err with why it is not one.
fn signature_field(
    before: &Document,
    after: &Document,
    field: ObjectId,
) -> Result<Option<ObjectId>, String> {
    if before.objects.contains_key(&field) {
        return Err("är ett äldre fält som har ändrats".into());
    }
    let dict = dict(after, field).map_err(|_| "är inget fält".to_owned())?;
    if !is(dict, b"FT", b"Sig") || dict.has(b"Kids") {
        return Err("är ett nytt fält som inte är en underskrift".into());
    }
    let area = dict
        .get(b"Rect")
        .and_then(Object::as_array)
        .map(|r| {
            let n: Vec<f32> = r.iter().filter_map(|v| v.as_float().ok()).collect();
            match n.as_slice() {
                [x1, y1, x2, y2] => ((x2 - x1) * (y2 - y1)).abs(),
                _ => f32::INFINITY,
            }
        })
        .unwrap_or(0.0);
    if area > 0.0 {
        return Err("är en synlig underskrift: dess ruta (/Rect) syns på sidan".into());
    }
    match dict.get(b"V") {
        Err(_) => Ok(None),
        Ok(Object::Reference(id)) if !before.objects.contains_key(id) => {
            let signature = after
                .get_dictionary(*id)
                .map_err(|_| "har ingen underskrift")?;
            if signature.has(b"ByteRange") && signature.has(b"Contents") {
                Ok(Some(*id))
            } else {
                Err("har ett värde som inte är en underskrift".into())
            }
        }
        Ok(_) => Err("har ett värde som inte är en ny underskrift".into()),
    }
}

/// The appearance streams of a widget (/AP), as the object that holds them.
fn appearance(document: &Document, widget: ObjectId) -> Object {
    document
        .get_dictionary(widget)
        .and_then(|d| d.get(b"AP"))
        .cloned()
        .unwrap_or(Object::Null)
}

/// The objects reachable from `start` in `after` that `before` does not have.
fn new_reachable(before: &Document, after: &Document, start: Object) -> Vec<ObjectId> {
    reachable(after, start)
        .into_iter()
        .filter(|id| !before.objects.contains_key(id))
        .collect()
}

/// Every object reachable from `start` by references.
fn reachable(document: &Document, start: Object) -> BTreeSet<ObjectId> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(object) = stack.pop() {
        match object {
            Object::Reference(id) => {
                if seen.insert(id)
                    && let Ok(next) = document.get_object(id)
                {
                    stack.push(next.clone());
                }
            }
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(d) => stack.extend(d.into_iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    seen
}

/// The references a dictionary names directly.
fn references(dict: &Dictionary) -> Vec<ObjectId> {
    dict.iter()
        .filter_map(|(_, v)| v.as_reference().ok())
        .collect()
}

/// The fields of the catalog's AcroForm, as objects.
fn fields(document: &Document, catalog: &Dictionary) -> Vec<ObjectId> {
    catalog
        .get_deref(b"AcroForm", document)
        .and_then(Object::as_dict)
        .and_then(|form| form.get_deref(b"Fields", document))
        .and_then(Object::as_array)
        .map(|fields| {
            fields
                .iter()
                .filter_map(|f| f.as_reference().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The keys whose values differ between `old` and `new`, but `allowed`.
fn differing(old: &Dictionary, new: &Dictionary, allowed: &[&[u8]]) -> Vec<String> {
    let keys: BTreeSet<&[u8]> = old
        .iter()
        .chain(new.iter())
        .map(|(k, _)| k.as_slice())
        .collect();
    keys.into_iter()
        .filter(|k| !allowed.contains(k) && old.get(k).ok() != new.get(k).ok())
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect()
}

fn root(document: &Document) -> lopdf::Result<ObjectId> {
    document.trailer.get(b"Root")?.as_reference()
}

fn dict(document: &Document, id: ObjectId) -> lopdf::Result<&Dictionary> {
    document.get_dictionary(id)
}

fn is(dict: &Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|name| name == value)
}

/// What the XMP says, without what a later revision may change (its modification and
/// metadata dates, its producer): every property as `namespace|name/…=value`, sorted, so
/// that a writer that serialises the same statements otherwise (attributes for elements,
/// another prefix, another order: pyHanko rewrites the whole packet) says the same. XMP
/// that is no XML is compared as bytes.
fn statements(xmp: &[u8]) -> Vec<String> {
    const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    const MAY_CHANGE: [&str; 3] = [
        "http://ns.adobe.com/xap/1.0/|ModifyDate",
        "http://ns.adobe.com/xap/1.0/|MetadataDate",
        "http://ns.adobe.com/pdf/1.3/|Producer",
    ];
    fn name(name: roxmltree::ExpandedName) -> String {
        format!("{}|{}", name.namespace().unwrap_or(""), name.name())
    }
    fn walk(node: roxmltree::Node, path: &str, found: &mut Vec<String>) {
        // rdf:Description and the rdf:RDF around them only group statements.
        let grouping = node.tag_name().namespace() == Some(RDF)
            && matches!(node.tag_name().name(), "RDF" | "Description");
        let path = if grouping {
            path.to_owned()
        } else {
            format!("{path}/{}", name(node.tag_name()))
        };
        for attribute in node.attributes() {
            let key = match attribute.namespace() {
                Some(RDF) if matches!(attribute.name(), "about" | "parseType") => continue,
                // A value written as a resource (pyHanko writes a schema's namespace so)
                // says what it says as text.
                Some(RDF) if attribute.name() == "resource" => String::new(),
                namespace => format!("/{}|{}", namespace.unwrap_or(""), attribute.name()),
            };
            // An attribute says what an element of its name would.
            found.push(format!("{path}{key}={}", attribute.value()));
        }
        let text: String = node
            .children()
            .filter(roxmltree::Node::is_text)
            .filter_map(|t| t.text())
            .collect();
        if !text.trim().is_empty() {
            found.push(format!("{path}={}", text.trim()));
        }
        for child in node.children().filter(roxmltree::Node::is_element) {
            walk(child, &path, found);
        }
    }
    let text = String::from_utf8_lossy(xmp);
    let Ok(document) = roxmltree::Document::parse(text.trim_start_matches('\u{feff}')) else {
        return vec![text.into_owned()];
    };
    let Some(rdf) = document
        .descendants()
        .find(|n| n.tag_name().namespace() == Some(RDF) && n.tag_name().name() == "RDF")
    else {
        return vec![text.into_owned()];
    };
    let mut found = Vec::new();
    walk(rdf, "", &mut found);
    found.retain(|s| {
        !MAY_CHANGE
            .iter()
            .any(|p| s.starts_with(&format!("/{p}=")) || s.starts_with(&format!("/{p}/")))
    });
    found.sort();
    found
}

/// What each object of the revision before is, for the registrar: the catalog, a page,
/// a page's content, the structure tree, the attachments.
struct Roles(BTreeMap<ObjectId, String>);

impl Roles {
    fn in_document(document: &Document) -> Self {
        let mut roles = BTreeMap::new();
        if let Ok(Object::Reference(id)) = document.trailer.get(b"Root") {
            roles.insert(*id, "katalogen".to_owned());
            if let Ok(catalog) = document.get_dictionary(*id) {
                for (key, role) in [
                    (&b"Pages"[..], "sidträdet"),
                    (b"StructTreeRoot", "strukturträdet"),
                    (b"Names", "namnträden (bl.a. bifogade filer)"),
                    (b"Metadata", "XMP"),
                    (b"Outlines", "bokmärkena"),
                    (b"AcroForm", "formuläret"),
                ] {
                    if let Ok(Object::Reference(target)) = catalog.get(key) {
                        roles.insert(*target, role.to_owned());
                    }
                }
            }
        }
        for (number, page) in document.get_pages() {
            roles.insert(page, format!("sida {number}"));
            for content in document.get_page_contents(page) {
                roles.insert(content, format!("innehållet på sida {number}"));
            }
        }
        for (id, object) in &document.objects {
            let dict = match object {
                Object::Dictionary(d) => d,
                Object::Stream(s) => &s.dict,
                _ => continue,
            };
            if is(dict, b"Type", b"EmbeddedFile") {
                roles.insert(*id, "en bifogad fil".to_owned());
            } else if is(dict, b"Type", b"Filespec") {
                roles.insert(*id, "en bifogad fils beskrivning".to_owned());
            }
        }
        Roles(roles)
    }

    /// ` (sida 1)`, or nothing for an object of no known role.
    fn of(&self, id: &ObjectId) -> String {
        self.0
            .get(id)
            .map_or_else(String::new, |role| format!(" ({role})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_may_change_its_dates_and_producer_only_however_written() {
        let packet = |description: &str| {
            format!(
                r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:p="http://ns.adobe.com/pdf/1.3/" {description}</rdf:Description></rdf:RDF></x:xmpmeta>"#
            )
            .into_bytes()
        };
        let title = |t: &str| {
            format!(
                "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">{t}</rdf:li></rdf:Alt></dc:title>"
            )
        };
        let a = packet(&format!(
            ">{}<xmp:ModifyDate>2024</xmp:ModifyDate>",
            title("A")
        ));
        // Another date and producer, as an attribute, another order: the same.
        let b = packet(&format!(
            "xmp:ModifyDate=\"2025\" p:Producer=\"pyHanko\">{}",
            title("A")
        ));
        let c = packet(&format!(
            ">{}<xmp:ModifyDate>2024</xmp:ModifyDate>",
            title("B")
        ));
        assert_eq!(statements(&a), statements(&b));
        assert_ne!(statements(&a), statements(&c));
        assert!(
            statements(&a).iter().any(|s| s.ends_with("=A")),
            "{:?}",
            statements(&a)
        );
    }
}

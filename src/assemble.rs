//! The handlingar packet, assembled from PDFs already typeset.
//!
//! Typesetting the kallelse and every tjänsteutlåtande again inside one Typst document cost
//! a third of a year's build, for pages the same build had just made. So the packet is
//! put together here from the parts' own PDFs: their pages in order under one page tree,
//! their structure trees each as a `Part` of one `Document`, their bookmarks each under an
//! entry of its own, and the packet's own PDF first — typeset by Typst, it holds the
//! contents pages and the packet's metadata and attachments. Each part's page gets its
//! stamp drawn over it as an artifact ("KFN § 3", the packet's page number; see
//! [`stamp`]): pagination, not content, so the tags stay the parts' own.

mod stamp;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

pub use stamp::StampStyle;

/// A document of the packet, read: its PDF, the title its bookmark gets and the § or agenda
/// point its stamp names.
pub struct Part {
    document: Document,
    title: String,
    item: Option<String>,
}

impl Part {
    /// The document whose PDF is `pdf`, bookmarked in the packet as `title`, its pages
    /// stamped with `item`, its § or agenda point (none: the kallelse's).
    pub fn read(pdf: &[u8], title: String, item: Option<String>) -> Result<Self, String> {
        let document = Document::load_mem(pdf).map_err(broken)?;
        Ok(Part {
            document,
            title,
            item,
        })
    }

    /// How many pages it has.
    pub fn pages(&self) -> usize {
        self.document.get_pages().len()
    }
}

fn broken(e: lopdf::Error) -> String {
    format!("PDF-filen går inte att läsa: {e}")
}

/// What a link of the contents leads to before the packet is assembled: the `index`th
/// document (a URI of a scheme no reader knows, made a link to its first page here).
pub fn link_target(index: usize) -> String {
    format!("{LINK_SCHEME}{index}")
}

const LINK_SCHEME: &str = "paragraf-handling:";

/// The name under which a part's page finds its stamp.
const STAMP: &[u8] = b"PgfStamp";

/// The packet: `packet`'s pages (the contents), then each of `parts`' pages with its
/// stamp, as `style` has it, drawn over it. Same input, same bytes.
pub fn assemble(packet: &[u8], parts: Vec<Part>, style: &StampStyle) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(packet).map_err(broken)?;
    let part_pages: usize = parts.iter().map(Part::pages).sum();
    let contents_pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let total = contents_pages.len() + part_pages;
    let catalog_id = root_id(&doc)?;
    let pages_id = reference(catalog(&doc)?.get(b"Pages").ok())?;
    let tree_id = reference(catalog(&doc)?.get(b"StructTreeRoot").ok())?;

    let mut tree = StructTree::of(&doc, tree_id, 0)?;
    let mut stamper = stamp::Stamper::new(style, &mut doc)?;
    let begin = doc.add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
    let end = doc.add_object(Stream::new(
        Dictionary::new(),
        format!(
            "Q\nq /Artifact BMC /{} Do EMC Q\n",
            String::from_utf8_lossy(STAMP)
        )
        .into_bytes(),
    ));

    let document_elem = doc.new_object_id();
    let mut kids: Vec<Object> = tree.adopt(&mut doc, document_elem)?;
    let mut all_pages: Vec<ObjectId> = contents_pages.to_vec();
    let mut outline = Outline::of(&mut doc)?;
    // Each part's first page and title, for the contents' links.
    let mut firsts = Vec::with_capacity(parts.len());
    for (
        index,
        Part {
            document: mut part,
            title,
            item,
        },
    ) in parts.into_iter().enumerate()
    {
        part.renumber_objects_with(doc.max_id + 1);
        doc.max_id = part
            .objects
            .keys()
            .map(|(n, _)| *n)
            .max()
            .unwrap_or(doc.max_id);
        let pages: Vec<ObjectId> = part.get_pages().into_values().collect();
        let part_tree_id = reference(catalog(&part)?.get(b"StructTreeRoot").ok())?;
        let part_tree = StructTree::of(&part, part_tree_id, index + 1)?;
        let offset = tree.next;
        for page in &pages {
            shift_struct_parents(&mut part, *page, offset)?;
        }
        let part_outline = catalog(&part)?
            .get(b"Outlines")
            .ok()
            .map(|o| reference(Some(o)))
            .transpose()?
            .and_then(|id| dict(&part, id).ok())
            .and_then(|o| Some((o.get(b"First").ok()?.clone(), o.get(b"Last").ok()?.clone())));
        tree.merge(part_tree, offset);
        prefix_ids(&mut part, index + 1);
        // Everything of the part moves over; what nothing refers to any more (its catalog,
        // its page tree, its attachments) is dropped when the packet is written.
        doc.objects.append(&mut part.objects);
        let top = part_tree_kids(&doc, part_tree_id)?;
        kids.extend(StructTree::adopt_top(&mut doc, &top, document_elem)?);
        for page in &pages {
            let media = media_box(&doc, *page)?;
            let stamp =
                stamper.form(&mut doc, media, item.as_deref(), all_pages.len() + 1, total)?;
            overlay(&mut doc, *page, stamp, begin, end)?;
            all_pages.push(*page);
        }
        if let Some(first) = pages.first() {
            outline.add(&mut doc, &title, *first, part_outline)?;
        }
        firsts.push(pages.first().map(|first| (*first, title)));
    }
    link_contents(&mut doc, &contents_pages, &firsts)?;
    let colour_space = output_intent_profile(&doc).map_or_else(
        || "DeviceRGB".into(),
        |icc| vec!["ICCBased".into(), icc.into()].into(),
    );
    stamper.finish(&mut doc, colour_space)?;

    // One page tree, flat.
    for page in &all_pages {
        dict_mut(&mut doc, *page)?.set("Parent", pages_id);
    }
    let count = all_pages.len();
    let page_tree = dict_mut(&mut doc, pages_id)?;
    page_tree.set(
        "Kids",
        all_pages
            .iter()
            .map(|p| Object::Reference(*p))
            .collect::<Vec<_>>(),
    );
    page_tree.set("Count", count as i64);

    doc.objects.insert(
        document_elem,
        Object::Dictionary(dictionary! {
            "Type" => "StructElem",
            "S" => "Document",
            "P" => tree_id,
            "K" => kids,
        }),
    );
    tree.write(&mut doc, tree_id, document_elem)?;
    outline.finish(&mut doc)?;

    let catalog = dict_mut(&mut doc, catalog_id)?;
    // Packet pages numbered 1, 2, … as the stamps and the contents number them.
    catalog.set(
        "PageLabels",
        dictionary! { "Nums" => vec![0.into(), dictionary! { "S" => "D" }.into()] },
    );
    set_page_count(&mut doc, catalog_id, count)?;

    doc.prune_objects();
    share_identical_streams(&mut doc);
    doc.renumber_objects();
    let mut bytes = Vec::new();
    doc.save_modern(&mut bytes)
        .map_err(|e| format!("handlingarna går inte att skriva: {e}"))?;
    Ok(bytes)
}

fn root_id(doc: &Document) -> Result<ObjectId, String> {
    reference(doc.trailer.get(b"Root").ok())
}

fn catalog(doc: &Document) -> Result<&Dictionary, String> {
    doc.catalog()
        .map_err(|e| format!("PDF-filen saknar katalog: {e}"))
}

fn reference(object: Option<&Object>) -> Result<ObjectId, String> {
    object
        .and_then(|o| o.as_reference().ok())
        .ok_or_else(|| "en referens saknas i PDF-filen".to_owned())
}

fn dict(doc: &Document, id: ObjectId) -> Result<&Dictionary, String> {
    doc.get_dictionary(id)
        .map_err(|e| format!("objekt {id:?} i PDF-filen: {e}"))
}

fn dict_mut(doc: &mut Document, id: ObjectId) -> Result<&mut Dictionary, String> {
    doc.get_dictionary_mut(id)
        .map_err(|e| format!("objekt {id:?} i PDF-filen: {e}"))
}

/// `object`, or the object it refers to.
fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, o)| o)
}

/// Draw `stamp` over `page`: the page's own content kept whole between `q`/`Q`, then the
/// stamp as an artifact.
fn overlay(
    doc: &mut Document,
    page: ObjectId,
    stamp: ObjectId,
    begin: ObjectId,
    end: ObjectId,
) -> Result<(), String> {
    let page_dict = dict(doc, page)?;
    let mut resources = match page_dict.get(b"Resources") {
        Ok(object) => resolve(doc, object)
            .as_dict()
            .map_err(|_| "sidans resurser är ingen ordlista".to_owned())?
            .clone(),
        Err(_) => Dictionary::new(),
    };
    let mut xobjects = match resources.get(b"XObject") {
        Ok(object) => resolve(doc, object).as_dict().cloned().unwrap_or_default(),
        Err(_) => Dictionary::new(),
    };
    xobjects.set(STAMP, stamp);
    resources.set("XObject", xobjects);
    let mut contents = vec![Object::Reference(begin)];
    match page_dict.get(b"Contents") {
        Ok(Object::Array(list)) => contents.extend(list.iter().cloned()),
        Ok(other) => contents.push(other.clone()),
        Err(_) => {}
    }
    contents.push(Object::Reference(end));
    let page_dict = dict_mut(doc, page)?;
    page_dict.set("Resources", resources);
    page_dict.set("Contents", contents);
    Ok(())
}

/// Make the links of the contents pages `pages` that lead to a document (see
/// [`link_target`]) lead to its first page of `firsts`, described by its title (what a
/// screen reader says of the link).
fn link_contents(
    doc: &mut Document,
    pages: &[ObjectId],
    firsts: &[Option<(ObjectId, String)>],
) -> Result<(), String> {
    for page in pages {
        let annotations = match dict(doc, *page)?.get(b"Annots") {
            Ok(list) => resolve(doc, list).as_array().cloned().unwrap_or_default(),
            Err(_) => continue,
        };
        for annotation in annotations {
            let Ok(id) = annotation.as_reference() else {
                continue;
            };
            let target = dict(doc, id)?
                .get(b"A")
                .ok()
                .and_then(|a| resolve(doc, a).as_dict().ok())
                .and_then(|a| a.get(b"URI").ok())
                .and_then(|uri| uri.as_str().ok())
                .and_then(|uri| uri.strip_prefix(LINK_SCHEME.as_bytes()))
                .and_then(|index| std::str::from_utf8(index).ok()?.parse::<usize>().ok());
            let Some(index) = target else {
                continue;
            };
            let (first, title) = firsts.get(index).and_then(Option::as_ref).ok_or_else(|| {
                format!("innehållets länk leder till handling {index}, som saknas")
            })?;
            let link = dict_mut(doc, id)?;
            link.remove(b"A");
            link.set(
                "Dest",
                vec![
                    (*first).into(),
                    "XYZ".into(),
                    Object::Null,
                    Object::Null,
                    Object::Null,
                ],
            );
            link.set("Contents", lopdf::text_string(title));
        }
    }
    Ok(())
}

/// The media box of `page` (its own or inherited), as numbers.
fn media_box(doc: &Document, page: ObjectId) -> Result<[f32; 4], String> {
    let number = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).ok();
    let mut id = page;
    // A page inherits its media box from the page tree: up a few levels at most.
    for _ in 0..32 {
        let node = dict(doc, id)?;
        if let Ok(rectangle) = node.get(b"MediaBox") {
            let list = resolve(doc, rectangle)
                .as_array()
                .map_err(|_| "sidans MediaBox är ingen lista".to_owned())?;
            let values: Vec<f32> = list
                .iter()
                .filter_map(|v| number(resolve(doc, v)))
                .collect();
            return <[f32; 4]>::try_from(values)
                .map_err(|_| "sidans MediaBox har inte fyra tal".to_owned());
        }
        id = reference(node.get(b"Parent").ok())?;
    }
    Err("sidan saknar MediaBox".into())
}

/// The ICC profile of the PDF's output intent (sRGB, in what Typst writes for PDF/A), if
/// it has one.
fn output_intent_profile(doc: &Document) -> Option<ObjectId> {
    let intents = catalog(doc).ok()?.get(b"OutputIntents").ok()?;
    let first = resolve(doc, intents).as_array().ok()?.first()?;
    resolve(doc, first)
        .as_dict()
        .ok()?
        .get(b"DestOutputProfile")
        .ok()?
        .as_reference()
        .ok()
}

/// Keep once what the parts each carry alike (the logo, its colour space and profile, the
/// output intent's profile): every stream the same as an earlier one, dictionary and data,
/// and every colour space (`[/ICCBased …]`), is replaced by a reference to that one. Again
/// until nothing changes, since an object that refers to two such copies (an image and its
/// colour space) becomes the same only when they are one.
fn share_identical_streams(doc: &mut Document) {
    use std::collections::HashMap;
    use std::hash::{DefaultHasher, Hash, Hasher};
    loop {
        // By a hash of the data: the first object of each, and any others the same.
        let mut first: HashMap<u64, Vec<ObjectId>> = HashMap::new();
        let mut same: HashMap<ObjectId, ObjectId> = HashMap::new();
        for (id, object) in &doc.objects {
            let mut hasher = DefaultHasher::new();
            match object {
                Object::Stream(stream) => stream.content.hash(&mut hasher),
                Object::Array(list) if matches!(list.first(), Some(Object::Name(_))) => {
                    format!("{list:?}").hash(&mut hasher)
                }
                _ => continue,
            }
            let candidates = first.entry(hasher.finish()).or_default();
            // Streams by dictionary and data (not where each was read from).
            let alike = |other: &Object| match (other, object) {
                (Object::Stream(a), Object::Stream(b)) => {
                    a.dict == b.dict && a.content == b.content
                }
                (a, b) => a == b,
            };
            match candidates
                .iter()
                .find(|other| doc.objects.get(other).is_some_and(alike))
            {
                Some(earlier) => {
                    same.insert(*id, *earlier);
                }
                None => candidates.push(*id),
            }
        }
        if same.is_empty() {
            return;
        }
        for id in same.keys() {
            doc.objects.remove(id);
        }
        fn redirect(object: &mut Object, same: &HashMap<ObjectId, ObjectId>) {
            match object {
                Object::Reference(id) => {
                    if let Some(kept) = same.get(id) {
                        *id = *kept;
                    }
                }
                Object::Array(list) => list.iter_mut().for_each(|o| redirect(o, same)),
                Object::Dictionary(dict) => dict.iter_mut().for_each(|(_, o)| redirect(o, same)),
                Object::Stream(stream) => {
                    stream.dict.iter_mut().for_each(|(_, o)| redirect(o, same))
                }
                _ => {}
            }
        }
        for object in doc.objects.values_mut() {
            redirect(object, &same);
        }
    }
}

/// Move the parent tree keys of `page` and its annotations up by `offset`.
fn shift_struct_parents(doc: &mut Document, page: ObjectId, offset: i64) -> Result<(), String> {
    let page_dict = dict_mut(doc, page)?;
    if let Ok(key) = page_dict.get(b"StructParents").and_then(Object::as_i64) {
        page_dict.set("StructParents", key + offset);
    }
    let annotations: Vec<Object> = match page_dict.get(b"Annots") {
        Ok(Object::Array(list)) => list.clone(),
        Ok(Object::Reference(id)) => {
            let id = *id;
            doc.get_object(id)
                .and_then(Object::as_array)
                .cloned()
                .unwrap_or_default()
        }
        _ => Vec::new(),
    };
    for annotation in annotations {
        let Ok(id) = annotation.as_reference() else {
            continue;
        };
        let annotation = dict_mut(doc, id)?;
        if let Ok(key) = annotation.get(b"StructParent").and_then(Object::as_i64) {
            annotation.set("StructParent", key + offset);
        }
    }
    Ok(())
}

/// The prefix that keeps the structure element IDs of document `index` apart from
/// another's (Typst names table cells alike in every document).
fn id_prefix(index: usize) -> Vec<u8> {
    format!("d{index:02}-").into_bytes()
}

fn prefixed(prefix: &[u8], name: &[u8]) -> Vec<u8> {
    let mut out = prefix.to_vec();
    out.extend_from_slice(name);
    out
}

/// Give every structure element ID of `doc`, and every reference to one (a table cell's
/// `/Headers`), the prefix of document `index`.
fn prefix_ids(doc: &mut Document, index: usize) {
    let prefix = id_prefix(index);
    fn headers(object: &mut Object, prefix: &[u8]) {
        match object {
            Object::Dictionary(d) => {
                if let Ok(Object::Array(names)) = d.get_mut(b"Headers") {
                    for name in names {
                        if let Object::String(bytes, _) = name {
                            *bytes = prefixed(prefix, bytes);
                        }
                    }
                }
            }
            Object::Array(list) => list.iter_mut().for_each(|o| headers(o, prefix)),
            _ => {}
        }
    }
    for object in doc.objects.values_mut() {
        let Object::Dictionary(d) = object else {
            continue;
        };
        if d.has(b"S") {
            if let Ok(Object::String(bytes, _)) = d.get_mut(b"ID") {
                *bytes = prefixed(&prefix, bytes);
            }
            if let Ok(attributes) = d.get_mut(b"A") {
                headers(attributes, &prefix);
            }
        } else if d.has(b"O") {
            let mut whole = Object::Dictionary(std::mem::take(d));
            headers(&mut whole, &prefix);
            if let Object::Dictionary(back) = whole {
                *d = back;
            }
        }
    }
}

/// The top-level elements of the structure tree at `tree_id`.
fn part_tree_kids(doc: &Document, tree_id: ObjectId) -> Result<Vec<Object>, String> {
    Ok(match dict(doc, tree_id)?.get(b"K") {
        Ok(Object::Array(list)) => list.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    })
}

/// What the packet's structure tree root gathers from every document.
struct StructTree {
    /// The parent tree, flattened: (key, value).
    nums: Vec<(i64, Object)>,
    /// The first parent tree key no document has used.
    next: i64,
    role_map: Dictionary,
    /// The ID tree, flattened: (ID, element).
    ids: Vec<(Vec<u8>, Object)>,
}

impl StructTree {
    /// The tree at `tree_id` of `doc`, the `index`th document of the packet (its IDs
    /// prefixed as [`prefix_ids`] prefixes its elements').
    fn of(doc: &Document, tree_id: ObjectId, index: usize) -> Result<Self, String> {
        let root = dict(doc, tree_id)?;
        let mut nums = Vec::new();
        if let Ok(parent_tree) = root.get(b"ParentTree") {
            flatten(
                doc,
                resolve(doc, parent_tree),
                b"Nums",
                &mut |key, value| {
                    if let Object::Integer(key) = key {
                        nums.push((*key, value.clone()));
                    }
                },
            );
        }
        let next = root
            .get(b"ParentTreeNextKey")
            .and_then(Object::as_i64)
            .unwrap_or_else(|_| nums.iter().map(|(k, _)| k + 1).max().unwrap_or(0));
        let role_map = root
            .get(b"RoleMap")
            .ok()
            .and_then(|o| resolve(doc, o).as_dict().ok().cloned())
            .unwrap_or_default();
        let mut ids = Vec::new();
        if let Ok(id_tree) = root.get(b"IDTree") {
            let prefix = id_prefix(index);
            flatten(doc, resolve(doc, id_tree), b"Names", &mut |key, value| {
                if let Object::String(name, _) = key {
                    ids.push((prefixed(&prefix, name), value.clone()));
                }
            });
        }
        Ok(StructTree {
            nums,
            next,
            role_map,
            ids,
        })
    }

    /// Add `other`'s entries, its parent tree keys moved up by `offset`.
    fn merge(&mut self, other: StructTree, offset: i64) {
        self.nums
            .extend(other.nums.into_iter().map(|(k, v)| (k + offset, v)));
        self.next = offset + other.next;
        for (role, mapped) in other.role_map {
            if !self.role_map.has(&role) {
                self.role_map.set(role, mapped);
            }
        }
        self.ids.extend(other.ids);
    }

    /// The packet's own top-level elements, now under `parent`.
    fn adopt(&self, doc: &mut Document, parent: ObjectId) -> Result<Vec<Object>, String> {
        let tree_id = reference(catalog(doc)?.get(b"StructTreeRoot").ok())?;
        let kids = part_tree_kids(doc, tree_id)?;
        prefix_ids(doc, 0);
        Self::adopt_top(doc, &kids, parent)
    }

    /// Top-level elements `kids` under `parent`, each document's `Document` element
    /// now one `Part` of the packet's.
    fn adopt_top(
        doc: &mut Document,
        kids: &[Object],
        parent: ObjectId,
    ) -> Result<Vec<Object>, String> {
        for kid in kids {
            let Ok(id) = kid.as_reference() else {
                continue;
            };
            let element = dict_mut(doc, id)?;
            element.set("P", parent);
            if element
                .get(b"S")
                .and_then(Object::as_name)
                .is_ok_and(|s| s == b"Document")
            {
                element.set("S", Object::Name(b"Part".to_vec()));
            }
        }
        Ok(kids.to_vec())
    }

    /// Write the merged tree into the root at `tree_id`, whose one kid is `document`.
    fn write(
        mut self,
        doc: &mut Document,
        tree_id: ObjectId,
        document: ObjectId,
    ) -> Result<(), String> {
        self.nums.sort_by_key(|(k, _)| *k);
        self.ids.sort_by(|a, b| a.0.cmp(&b.0));
        let nums: Vec<Object> = self
            .nums
            .into_iter()
            .flat_map(|(k, v)| [Object::Integer(k), v])
            .collect();
        let root = dict_mut(doc, tree_id)?;
        root.set("K", vec![Object::Reference(document)]);
        root.set("ParentTree", dictionary! { "Nums" => nums });
        root.set("ParentTreeNextKey", self.next);
        if !self.role_map.is_empty() {
            root.set("RoleMap", self.role_map);
        }
        if self.ids.is_empty() {
            root.remove(b"IDTree");
        } else {
            let names: Vec<Object> = self
                .ids
                .into_iter()
                .flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), v])
                .collect();
            root.set("IDTree", dictionary! { "Names" => names });
        }
        Ok(())
    }
}

/// Every (key, value) of the number or name tree at `node` (`entries`: `Nums` or `Names`).
fn flatten(doc: &Document, node: &Object, entries: &[u8], each: &mut dyn FnMut(&Object, &Object)) {
    let Ok(node) = node.as_dict() else {
        return;
    };
    if let Ok(list) = node
        .get(entries)
        .map(|o| resolve(doc, o))
        .and_then(Object::as_array)
    {
        for pair in list.chunks(2) {
            if let [key, value] = pair {
                each(key, value);
            }
        }
    }
    if let Ok(kids) = node
        .get(b"Kids")
        .map(|o| resolve(doc, o))
        .and_then(Object::as_array)
    {
        for kid in kids {
            flatten(doc, resolve(doc, kid), entries, each);
        }
    }
}

/// The packet's bookmarks: its own, then an entry per part with the part's beneath it.
struct Outline {
    root: ObjectId,
    last: Option<ObjectId>,
    count: i64,
}

impl Outline {
    fn of(doc: &mut Document) -> Result<Self, String> {
        let catalog_id = root_id(doc)?;
        let existing = catalog(doc)?
            .get(b"Outlines")
            .ok()
            .map(|o| reference(Some(o)));
        let root = match existing {
            Some(id) => id?,
            None => {
                let id = doc.add_object(dictionary! { "Type" => "Outlines" });
                dict_mut(doc, catalog_id)?.set("Outlines", id);
                id
            }
        };
        let root_dict = dict(doc, root)?;
        let last = root_dict.get(b"Last").and_then(Object::as_reference).ok();
        let count = root_dict
            .get(b"Count")
            .and_then(Object::as_i64)
            .unwrap_or(0);
        Ok(Outline { root, last, count })
    }

    /// An entry for a part at `page`: its own top-level bookmark when it has one (the
    /// document's heading, its sections beneath), else an entry `title`, closed, over its
    /// top-level bookmarks `beneath` (their first and last).
    fn add(
        &mut self,
        doc: &mut Document,
        title: &str,
        page: ObjectId,
        beneath: Option<(Object, Object)>,
    ) -> Result<(), String> {
        let mut item = dictionary! {
            "Title" => lopdf::text_string(title),
            "Parent" => self.root,
            "Dest" => vec![page.into(), "XYZ".into(), Object::Null, Object::Null, Object::Null],
        };
        if let Some((Object::Reference(first), Object::Reference(last))) = &beneath
            && first == last
        {
            let only = dict_mut(doc, *first)?;
            only.set("Parent", self.root);
            only.remove(b"Prev");
            only.remove(b"Next");
            return self.append(doc, *first);
        }
        let id = doc.new_object_id();
        if let Some((first, last)) = beneath {
            let mut children = 0;
            let mut next = first.as_reference().ok();
            while let Some(child) = next {
                let child_dict = dict_mut(doc, child)?;
                child_dict.set("Parent", id);
                children += 1;
                next = child_dict.get(b"Next").and_then(Object::as_reference).ok();
                if children > 10_000 {
                    break;
                }
            }
            item.set("First", first);
            item.set("Last", last);
            item.set("Count", -children);
        }
        doc.objects.insert(id, Object::Dictionary(item));
        self.append(doc, id)
    }

    /// Put the top-level bookmark `id` last.
    fn append(&mut self, doc: &mut Document, id: ObjectId) -> Result<(), String> {
        match self.last {
            Some(last) => {
                dict_mut(doc, last)?.set("Next", id);
                dict_mut(doc, id)?.set("Prev", last);
            }
            None => dict_mut(doc, self.root)?.set("First", id),
        }
        self.last = Some(id);
        // A bookmark counts, and its open descendants with it.
        let open = dict(doc, id)?
            .get(b"Count")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .max(0);
        self.count += 1 + open;
        Ok(())
    }

    fn finish(self, doc: &mut Document) -> Result<(), String> {
        let root = dict_mut(doc, self.root)?;
        if let Some(last) = self.last {
            root.set("Last", last);
        }
        root.set("Count", self.count);
        Ok(())
    }
}

/// Say in the XMP metadata how many pages the packet has.
fn set_page_count(doc: &mut Document, catalog_id: ObjectId, count: usize) -> Result<(), String> {
    let Ok(id) = dict(doc, catalog_id)?
        .get(b"Metadata")
        .and_then(Object::as_reference)
    else {
        return Ok(());
    };
    let Ok(Object::Stream(stream)) = doc.get_object_mut(id) else {
        return Ok(());
    };
    let xmp = stream
        .decompressed_content()
        .unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&xmp);
    let (open, close) = ("<xmpTPg:NPages>", "</xmpTPg:NPages>");
    if let (Some(start), Some(stop)) = (text.find(open), text.find(close)) {
        let updated = format!("{}{open}{count}{}", &text[..start], &text[stop..]);
        stream.dict.remove(b"Filter");
        stream.dict.remove(b"DecodeParms");
        stream.set_plain_content(updated.into_bytes());
    }
    Ok(())
}

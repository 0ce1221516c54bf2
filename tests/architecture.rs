//! The library's modules only look down: between the modules of any one folder (the
//! crate's own: `model`, `plan`, `output`…; `output`'s: `pdf`, `site`, `package`; and so
//! on down) no import goes round in a circle, and no module takes a type from the crate
//! root. A module's own `mod.rs` may use its children and they it: that is its face.
//! Read from the source text (`crate::…` and `super::…` paths; a doc link counts, since a
//! stage that links up in its docs has its reader look up too), so
//! `cargo test --test architecture` is the check anyone can run (docs/architecture.md).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module by its path from the crate root (`["output", "pdf"]`); the root is `[]`.
type Module = Vec<String>;

/// Every module of the library (`src/`, less the binary's `main.rs` and `cli/`) with
/// its source text.
fn modules() -> BTreeMap<Module, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for path in std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().path())
        {
            let relative = path.strip_prefix(&src).unwrap();
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts == ["main.rs"] || parts.first().is_some_and(|p| p == "cli") {
                continue;
            }
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let Some(last) = parts.pop() else { continue };
            let Some(name) = last.strip_suffix(".rs") else {
                continue;
            };
            if name != "mod" && name != "lib" {
                parts.push(name.to_owned());
            }
            let text = std::fs::read_to_string(&path).unwrap();
            found.insert(parts, text);
        }
    }
    found
}

/// The paths a module's text names from `crate::` or `super::`, as absolute paths; a
/// `{…}` group gives one path per member.
fn references(module: &Module, text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (start, _) in text
        .match_indices("crate::")
        .chain(text.match_indices("super::"))
    {
        if text[..start].ends_with('$')
            || text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            continue;
        }
        let mut base: Vec<String> = Vec::new();
        let mut rest = &text[start..];
        if let Some(after) = rest.strip_prefix("crate::") {
            rest = after;
        } else {
            // A module's `super` is its parent, whether it is a file or a folder's mod.rs.
            base = module.clone();
            let mut rest_here = rest;
            while let Some(after) = rest_here.strip_prefix("super::") {
                rest_here = after;
                base.pop();
            }
            rest = rest_here;
        }
        for tail in group_members(rest) {
            let mut path = base.clone();
            path.extend(tail);
            paths.push(path);
        }
    }
    paths
}

/// The paths at the start of `text`: `a::b::C` gives one, `{a, b::{c, d}}` one per
/// member (the first level of a group is enough to know which module is meant).
fn group_members(text: &str) -> Vec<Vec<String>> {
    let ident = |s: &str| -> usize {
        s.find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(s.len())
    };
    let mut path = Vec::new();
    let mut rest = text;
    loop {
        let n = ident(rest);
        if n == 0 {
            break;
        }
        path.push(rest[..n].to_owned());
        rest = &rest[n..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => return vec![path],
        }
    }
    let Some(group) = rest.strip_prefix('{') else {
        return vec![path];
    };
    let mut members = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    members.push(current);
    members
        .iter()
        .flat_map(|member| group_members(member.trim()))
        .filter(|member| !member.is_empty())
        .map(|member| path.iter().cloned().chain(member).collect())
        .collect()
}

/// The longest prefix of `path` that is a module.
fn module_of(path: &[String], modules: &BTreeMap<Module, String>) -> Module {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| modules.contains_key(prefix))
        .unwrap_or_default()
}

/// For each folder, the imports between its children: folder → child → children it uses.
fn sibling_imports(
    modules: &BTreeMap<Module, String>,
) -> BTreeMap<Module, BTreeMap<String, BTreeSet<String>>> {
    let folders: BTreeSet<&Module> = modules.keys().collect();
    let mut graphs: BTreeMap<Module, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (module, text) in modules {
        for path in references(module, text) {
            let target = module_of(&path, modules);
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            // One is the other's ancestor: a module and its face, allowed.
            if common == module.len() || common == target.len() {
                continue;
            }
            let folder = module[..common].to_vec();
            assert!(folders.contains(&folder));
            graphs
                .entry(folder)
                .or_default()
                .entry(module[common].clone())
                .or_default()
                .insert(target[common].clone());
        }
    }
    graphs
}

/// A circle in `graph`, if there is one.
fn circle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_import_goes_round_in_a_circle_between_the_modules_of_a_folder() {
    let modules = modules();
    assert!(modules.contains_key(&vec!["output".to_owned(), "pdf".to_owned()]));
    let circles: Vec<String> = sibling_imports(&modules)
        .iter()
        .filter_map(|(folder, graph)| {
            let found = circle(graph)?;
            Some(format!(
                "crate::{}: {}",
                folder.join("::"),
                found.join(" → ")
            ))
        })
        .collect();
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn no_module_takes_a_type_from_the_crate_root() {
    let modules = modules();
    let mut found = Vec::new();
    for (module, text) in &modules {
        if module.is_empty() {
            continue;
        }
        for path in references(module, text) {
            if module_of(&path, &modules).is_empty() && !path.is_empty() {
                found.push(format!(
                    "crate::{} in {}",
                    path.join("::"),
                    module.join("::")
                ));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_sees_a_circle_and_a_root_import_when_there_is_one() {
    let mut modules = BTreeMap::new();
    let module = |path: &str| path.split("::").map(str::to_owned).collect::<Vec<_>>();
    modules.insert(Vec::new(), String::new());
    modules.insert(module("a"), "use crate::b::X;".to_owned());
    modules.insert(module("b"), "fn f() { crate::a::g(); }".to_owned());
    modules.insert(module("c"), "use crate::{a, Planned};".to_owned());
    let graphs = sibling_imports(&modules);
    assert_eq!(circle(&graphs[&Vec::new()]), Some(module("a::b::a")));
    let root = references(&module("c"), "use crate::{a, Planned};");
    assert_eq!(root, vec![module("a"), module("Planned")]);
    assert!(module_of(&root[1], &modules).is_empty());
}

//! The profile's visual identity as a Typst module, `profil.typ`, that the style
//! (`paragraf.typ`) imports: faces, house colour, logo height, header layout, how
//! signatures stand and the labels. Values only, every string a literal: the module is
//! served from memory beside the logo.

use crate::derive::ProfileView;
use crate::model::LOGO_HEIGHT_MM;

use super::escape::string_literal;

/// The module's name, as `paragraf.typ` imports it.
pub const MODULE: &str = "profil.typ";

/// The module for `profile`.
pub fn module(profile: &ProfileView) -> String {
    let accent = match &profile.colour {
        Some(colour) => format!("rgb({})", string_literal(colour)),
        None => "none".to_owned(),
    };
    let logo_height = profile
        .logo
        .as_ref()
        .map_or(LOGO_HEIGHT_MM, |logo| logo.height_mm);
    let labels: Vec<String> = profile
        .labels
        .iter()
        .map(|(key, text)| format!("  {}: {},\n", string_literal(key), string_literal(text)))
        .collect();
    format!(
        "// The profile's visual identity, written by paragraf from profil.yaml.\n\
         #let serif = {serif}\n\
         #let sans = {sans}\n\
         #let accent = {accent}\n\
         #let logo-height = {logo_height}mm\n\
         #let header-layout = {layout}\n\
         #let margin-left = {left}mm\n\
         #let margin-right = {right}mm\n\
         #let signature-arrangement = {arrangement}\n\
         #let signature-rules = {rules}\n\
         #let labels = (\n{labels})\n",
        labels = labels.concat(),
        left = profile.margins.vänster,
        right = profile.margins.höger,
        serif = string_literal(profile.typefaces.brödtext.family()),
        sans = string_literal(profile.typefaces.rubriker.family()),
        layout = string_literal(profile.header.key()),
        arrangement = string_literal(profile.signatures.uppställning.key()),
        rules = profile.signatures.linjer,
    )
}

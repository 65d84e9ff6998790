//! The words printed in the consolidated workbook, from `templates/wording.toml`,
//! so the Authority can change a title or a note without a rebuild.

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::quarter::Quarter;
use crate::roster::Group;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub issuer: Vec<String>,
    pub nation: Vec<String>,
    pub appendix: String,
    pub title: String,
    pub attached_to: String,
    pub group: BTreeMap<Group, GroupWording>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupWording {
    pub heading: String,
    pub name_column: String,
    #[serde(default)]
    pub notes: Vec<String>,
}

impl Wording {
    pub fn parse(text: &str) -> Result<Wording, String> {
        let wording: Wording = toml::from_str(text).map_err(|e| e.to_string())?;
        for group in Group::ALL {
            if !wording.group.contains_key(&group) {
                return Err(format!("[group.{}] is missing", group.as_str()));
            }
        }
        Ok(wording)
    }

    pub fn for_group(&self, group: Group) -> &GroupWording {
        &self.group[&group]
    }
}

/// Replaces `{quarter}` with `Quý I/2020`.
pub fn fill(text: &str, quarter: Quarter) -> String {
    text.replace("{quarter}", &quarter.vietnamese())
}

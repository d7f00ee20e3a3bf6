//! California's 58 counties, numbered 01 to 58 in alphabetical order as the state numbers them.

use crate::ids::CountyCode;

const NAMES: [&str; 58] = [
    "Alameda",
    "Alpine",
    "Amador",
    "Butte",
    "Calaveras",
    "Colusa",
    "Contra Costa",
    "Del Norte",
    "El Dorado",
    "Fresno",
    "Glenn",
    "Humboldt",
    "Imperial",
    "Inyo",
    "Kern",
    "Kings",
    "Lake",
    "Lassen",
    "Los Angeles",
    "Madera",
    "Marin",
    "Mariposa",
    "Mendocino",
    "Merced",
    "Modoc",
    "Mono",
    "Monterey",
    "Napa",
    "Nevada",
    "Orange",
    "Placer",
    "Plumas",
    "Riverside",
    "Sacramento",
    "San Benito",
    "San Bernardino",
    "San Diego",
    "San Francisco",
    "San Joaquin",
    "San Luis Obispo",
    "San Mateo",
    "Santa Barbara",
    "Santa Clara",
    "Santa Cruz",
    "Shasta",
    "Sierra",
    "Siskiyou",
    "Solano",
    "Sonoma",
    "Stanislaus",
    "Sutter",
    "Tehama",
    "Trinity",
    "Tulare",
    "Tuolumne",
    "Ventura",
    "Yolo",
    "Yuba",
];

impl CountyCode {
    /// The county's name (a proper noun, the same in every language).
    pub fn name(self) -> &'static str {
        NAMES[usize::from(self.get() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_alphabetical_order() {
        let c = |n| CountyCode::new(n).unwrap().name();
        assert_eq!(c(1), "Alameda");
        assert_eq!(c(19), "Los Angeles");
        assert_eq!(c(34), "Sacramento");
        assert_eq!(c(58), "Yuba");
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
    }
}

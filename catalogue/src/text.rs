//! The catalogue view's words in English, German and French. The legal text and the
//! entries' headings stay English (marked lang="en" where shown).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    De,
    Fr,
}

impl Lang {
    pub fn parse(s: &str) -> Lang {
        match s {
            "de" => Lang::De,
            "fr" => Lang::Fr,
            _ => Lang::En,
        }
    }
}

/// (key, English, German, French).
const TEXTS: &[(&str, &str, &str, &str)] = &[
    ("title", "Screen a catalogue", "Katalog prüfen", "Examiner un catalogue"),
    ("intro", "Pick or drop a CSV or Excel (.xlsx) file, or paste rows copied from a spreadsheet. Every row is screened in this page: nothing is uploaded, stored or sent.", "Wählen Sie eine CSV- oder Excel-Datei (.xlsx) oder ziehen Sie sie hierher, oder fügen Sie aus einer Tabelle kopierte Zeilen ein. Jede Zeile wird in dieser Seite geprüft: nichts wird hochgeladen, gespeichert oder gesendet.", "Choisissez ou déposez un fichier CSV ou Excel (.xlsx), ou collez des lignes copiées d'un tableur. Chaque ligne est examinée dans cette page : rien n'est téléversé, stocké ni envoyé."),
    ("file", "Catalogue file (CSV or .xlsx)", "Katalogdatei (CSV oder .xlsx)", "Fichier du catalogue (CSV ou .xlsx)"),
    ("drop", "or drop the file here", "oder die Datei hierher ziehen", "ou déposez le fichier ici"),
    ("paste", "Or paste rows (the first row holds the column names)", "Oder Zeilen einfügen (die erste Zeile enthält die Spaltennamen)", "Ou collez des lignes (la première ligne contient les noms des colonnes)"),
    ("use_paste", "Use the pasted rows", "Eingefügte Zeilen verwenden", "Utiliser les lignes collées"),
    ("close", "Close the catalogue", "Katalog schließen", "Fermer le catalogue"),
    ("reading", "Reading the file…", "Die Datei wird gelesen …", "Lecture du fichier…"),
    ("sheet", "Sheet", "Tabellenblatt", "Feuille"),
    ("read_as", "Read as", "Gelesen als", "Lu comme"),
    ("encoding", "Encoding", "Zeichenkodierung", "Encodage"),
    ("delimiter", "Separator", "Trennzeichen", "Séparateur"),
    ("reread", "Read again", "Neu einlesen", "Relire"),
    ("columns", "Which columns describe the item?", "Welche Spalten beschreiben das Gut?", "Quelles colonnes décrivent le bien ?"),
    ("columns_hint", "Guessed from the column names; change them if they are wrong. Name or description is needed.", "Anhand der Spaltennamen vorgeschlagen; ändern Sie sie, wenn sie nicht passen. Bezeichnung oder Beschreibung ist nötig.", "Devinées d'après les noms des colonnes ; modifiez-les si elles sont fausses. Le nom ou la description est nécessaire."),
    ("col.name", "Name", "Bezeichnung", "Nom"),
    ("col.description", "Description", "Beschreibung", "Description"),
    ("col.partNumber", "Part number", "Artikelnummer", "Référence"),
    ("col.eccn", "US ECCN", "US-ECCN", "ECCN américain"),
    ("col.classification", "Existing EU classification", "Vorhandene EU-Einstufung", "Classement UE existant"),
    ("col.none", "(none)", "(keine)", "(aucune)"),
    ("preview", "First rows", "Erste Zeilen", "Premières lignes"),
    ("need_column", "Choose the column with the item's name or its description.", "Wählen Sie die Spalte mit der Bezeichnung oder der Beschreibung des Gutes.", "Choisissez la colonne avec le nom ou la description du bien."),
    ("screen", "Screen {count} rows", "{count} Zeilen prüfen", "Examiner {count} lignes"),
    ("screening", "Screening: {done} of {count} rows", "Prüfung: {done} von {count} Zeilen", "Examen : {done} lignes sur {count}"),
    ("cancel", "Cancel", "Abbrechen", "Annuler"),
    ("cancelled", "Cancelled after {done} of {count} rows; the rest are not screened.", "Nach {done} von {count} Zeilen abgebrochen; der Rest ist nicht geprüft.", "Annulé après {done} lignes sur {count} ; les autres ne sont pas examinées."),
    ("summary", "{likely} likely listed · {check} to check · {none} no match · {decided} decided", "{likely} wahrscheinlich gelistet · {check} zu prüfen · {none} kein Treffer · {decided} entschieden", "{likely} probablement listés · {check} à vérifier · {none} sans correspondance · {decided} décidés"),
    ("status.likely_listed", "likely listed", "wahrscheinlich gelistet", "probablement listé"),
    ("status.check", "check", "prüfen", "à vérifier"),
    ("status.no_match", "no match", "kein Treffer", "aucune correspondance"),
    ("status.none", "not screened", "nicht geprüft", "non examiné"),
    ("filter", "Show", "Anzeigen", "Afficher"),
    ("filter.all", "all rows", "alle Zeilen", "toutes les lignes"),
    ("filter.undecided", "rows not decided", "nicht entschiedene Zeilen", "lignes non décidées"),
    ("order", "Order", "Reihenfolge", "Ordre"),
    ("order.file", "as in the file", "wie in der Datei", "comme dans le fichier"),
    ("order.status", "likely listed first", "wahrscheinlich gelistete zuerst", "probablement listés d'abord"),
    ("keys", "Keyboard: ↑ ↓ move between rows; C confirms the first candidate, R rejects it, N marks not listed, U undoes the decision, Enter opens the entry.", "Tastatur: ↑ ↓ wechseln die Zeile; C bestätigt den ersten Kandidaten, R verwirft ihn, N markiert „nicht gelistet“, U macht die Entscheidung rückgängig, Eingabe öffnet die Nummer.", "Clavier : ↑ ↓ changent de ligne ; C confirme le premier candidat, R le rejette, N marque « non listé », U annule la décision, Entrée ouvre la rubrique."),
    ("th.row", "Row", "Zeile", "Ligne"),
    ("th.item", "Item", "Gut", "Bien"),
    ("th.status", "Status", "Status", "Statut"),
    ("th.candidates", "Candidate entries", "Kandidaten", "Rubriques candidates"),
    ("th.decision", "Decision", "Entscheidung", "Décision"),
    ("confirm", "Confirm {code}", "{code} bestätigen", "Confirmer {code}"),
    ("reject", "Reject {code}", "{code} verwerfen", "Rejeter {code}"),
    ("rejected", "rejected", "verworfen", "rejeté"),
    ("not_listed", "Not listed", "Nicht gelistet", "Non listé"),
    ("undo", "Undo", "Rückgängig", "Annuler la décision"),
    ("open_entry", "Open {code}", "{code} öffnen", "Ouvrir {code}"),
    ("checklist", "Checklist", "Checkliste", "Liste de contrôle"),
    ("decided.listed", "Listed: {code}", "Gelistet: {code}", "Listé : {code}"),
    ("decided.not_listed", "Not listed", "Nicht gelistet", "Non listé"),
    ("decided.open", "Open", "Offen", "Ouvert"),
    ("note", "Note", "Notiz", "Note"),
    ("export", "Export the result", "Ergebnis exportieren", "Exporter le résultat"),
    ("export_hint", "The export keeps your columns and adds status, decision, candidates, note and the dataset's version. Open it here again later to continue.", "Der Export behält Ihre Spalten und fügt Status, Entscheidung, Kandidaten, Notiz und die Version des Datenbestands hinzu. Öffnen Sie ihn später hier wieder, um weiterzumachen.", "L'export garde vos colonnes et ajoute statut, décision, candidats, note et la version des données. Rouvrez-le ici plus tard pour continuer."),
    ("restored", "This file is an export of an earlier screening: its decisions and notes are restored.", "Diese Datei ist der Export einer früheren Prüfung: ihre Entscheidungen und Notizen sind übernommen.", "Ce fichier est l'export d'un examen précédent : ses décisions et notes sont reprises."),
    ("another", "Screen another file", "Andere Datei prüfen", "Examiner un autre fichier"),
    ("indicative", "Indicative pre-screening: a candidate is a lead, not a classification. Classifying each item is the exporter's duty; the competent authority decides.", "Unverbindliche Vorprüfung: ein Kandidat ist ein Hinweis, keine Einstufung. Die Einstufung jedes Gutes ist Pflicht des Ausführers; die zuständige Behörde entscheidet.", "Pré-examen indicatif : un candidat est une piste, pas un classement. Le classement de chaque bien incombe à l'exportateur ; l'autorité compétente décide."),
    ("more_rows", "Showing {shown} of {count} rows: use the filter to narrow the list.", "{shown} von {count} Zeilen angezeigt: grenzen Sie die Liste mit dem Filter ein.", "{shown} lignes affichées sur {count} : affinez la liste avec le filtre."),
    ("prev_page", "Previous rows", "Vorherige Zeilen", "Lignes précédentes"),
    ("next_page", "Next rows", "Nächste Zeilen", "Lignes suivantes"),
    ("failed", "The file could not be read: {why}", "Die Datei konnte nicht gelesen werden: {why}", "Le fichier n'a pas pu être lu : {why}"),
    ("screen_failed", "The screening stopped: {why}", "Die Prüfung wurde abgebrochen: {why}", "L'examen s'est arrêté : {why}"),
];

/// The text of `key` in `lang` (the key itself when missing, which a test rules out).
pub fn t(lang: Lang, key: &str) -> &'static str {
    TEXTS
        .iter()
        .find(|(k, ..)| *k == key)
        .map(|(_, en, de, fr)| match lang {
            Lang::En => *en,
            Lang::De => *de,
            Lang::Fr => *fr,
        })
        .unwrap_or("")
}

/// `t` with `{name}` placeholders filled.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut s = t(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_every_language_with_the_same_placeholders() {
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_string()))
                .collect();
            v.sort();
            v
        };
        for (key, en, de, fr) in TEXTS {
            assert!(!en.is_empty() && !de.is_empty() && !fr.is_empty(), "{key}");
            assert_eq!(holes(en), holes(de), "{key}");
            assert_eq!(holes(en), holes(fr), "{key}");
        }
        let mut keys: Vec<&str> = TEXTS.iter().map(|(k, ..)| *k).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), TEXTS.len(), "a key is defined twice");
    }
}

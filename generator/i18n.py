"""The portal's own UI strings in Danish, Swedish, German and English, and Babel formatting.

Material translates its own interface through `theme.language`; this table
covers the words the portal adds. The site language picks one column.
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "da", "sv", "de")

# key: (en, da, sv, de)
_STRINGS: dict[str, tuple[str, str, str, str]] = {
    "home": ("Home", "Forside", "Startsida", "Startseite"),
    "ideas": ("Ideas and questions", "Idéer og spørgsmål", "Idéer och frågor", "Ideen und Fragen"),
    "all_ideas": (
        "All ideas and questions",
        "Alle idéer og spørgsmål",
        "Alla idéer och frågor",
        "Alle Ideen und Fragen",
    ),
    "by_status": ("By status", "Efter status", "Efter status", "Nach Status"),
    "by_category": ("By category", "Efter kategori", "Efter kategori", "Nach Kategorie"),
    "by_department": ("By department", "Efter forvaltning", "Efter förvaltning", "Nach Fachbereich"),
    "by_kind": ("Ideas or questions", "Idéer eller spørgsmål", "Idéer eller frågor", "Ideen oder Fragen"),
    "kinds_idea": ("All ideas", "Alle idéer", "Alla idéer", "Alle Ideen"),
    "kinds_question": ("All questions", "Alle spørgsmål", "Alla frågor", "Alle Fragen"),
    "statistics": ("Statistics", "Statistik", "Statistik", "Statistik"),
    "propose": ("Propose an idea", "Foreslå en idé", "Föreslå en idé", "Idee vorschlagen"),
    "open_data": ("Open data", "Åbne data", "Öppna data", "Offene Daten"),
    "about": ("About", "Om portalen", "Om portalen", "Über das Portal"),
    "status": ("Status", "Status", "Status", "Status"),
    "category": ("Category", "Kategori", "Kategori", "Kategorie"),
    "department": ("Department", "Forvaltning", "Förvaltning", "Fachbereich"),
    "submitted": ("Submitted", "Indsendt", "Inskickad", "Eingereicht"),
    "channel": ("Channel", "Kanal", "Kanal", "Kanal"),
    "author": ("Proposed by", "Foreslået af", "Föreslagen av", "Vorgeschlagen von"),
    "kind_idea": ("Idea", "Idé", "Idé", "Idee"),
    "kind_question": ("Question", "Spørgsmål", "Fråga", "Frage"),
    "supporters_one": ("{n} supporter", "{n} støtte", "{n} stödjare", "{n} Unterstützung"),
    "supporters_other": ("{n} supporters", "{n} støtter", "{n} stödjare", "{n} Unterstützungen"),
    "support_trend": ("Support over time", "Støtte over tid", "Stöd över tid", "Unterstützung im Zeitverlauf"),
    "official_answers": ("Official answers", "Officielle svar", "Officiella svar", "Offizielle Antworten"),
    "no_answer": (
        "No official answer yet.",
        "Endnu intet officielt svar.",
        "Inget officiellt svar ännu.",
        "Noch keine offizielle Antwort.",
    ),
    "signed": ("Signed", "Underskrevet", "Undertecknat", "Unterzeichnet"),
    "community_answers": (
        "Answers from other citizens",
        "Svar fra andre borgere",
        "Svar från andra invånare",
        "Antworten anderer Bürgerinnen und Bürger",
    ),
    "community_intro": (
        "Written by citizens, not by the municipality. They are not official answers and do not change the status.",
        "Skrevet af borgere, ikke af kommunen. De er ikke officielle svar og ændrer ikke status.",
        "Skrivna av invånare, inte av kommunen. De är inte officiella svar och ändrar inte status.",
        "Von Bürgerinnen und Bürgern geschrieben, nicht von der Gemeinde. Sie sind keine offiziellen Antworten "
        "und ändern den Status nicht.",
    ),
    "community_anonymous": ("Anonymous", "Anonym", "Anonym", "Anonym"),
    "community_add": (
        "Know something about this? Answer as a citizen in the public repository",
        "Ved du noget om det? Svar som borger i det offentlige arkiv",
        "Vet du något om det? Svara som invånare i det öppna arkivet",
        "Wissen Sie etwas dazu? Als Bürgerin oder Bürger im öffentlichen Archiv antworten",
    ),
    "community_answer": (
        "Answer from a citizen",
        "Svar fra en borger",
        "Svar från en invånare",
        "Antwort aus der Bürgerschaft",
    ),
    "reason": ("Reason", "Grund", "Skäl", "Grund"),
    "community_by": ("Written by", "Skrevet af", "Skrivet av", "Geschrieben von"),
    "confirmed_by": (
        "Confirmed by {department}",
        "Bekræftet af {department}",
        "Bekräftat av {department}",
        "Bestätigt von {department}",
    ),
    "withheld_text": (
        "This idea was withheld on {date}: {reason}. Its text is not published.",
        "Denne idé blev tilbageholdt den {date}: {reason}. Teksten offentliggøres ikke.",
        "Den här idén hölls inne den {date}: {reason}. Texten publiceras inte.",
        "Diese Idee wurde am {date} zurückgehalten: {reason}. Ihr Text wird nicht veröffentlicht.",
    ),
    "withheld_duplicate": (
        "it repeats another idea",
        "den gentager en anden idé",
        "den upprepar en annan idé",
        "sie wiederholt eine andere Idee",
    ),
    "withheld_personal_data": (
        "it contained personal data",
        "den indeholdt personoplysninger",
        "den innehöll personuppgifter",
        "sie enthielt personenbezogene Daten",
    ),
    "withheld_offensive": (
        "it was offensive",
        "den var krænkende",
        "den var kränkande",
        "sie war beleidigend",
    ),
    "withheld_not_responsible": (
        "the municipality is not responsible for the matter",
        "kommunen er ikke ansvarlig for sagen",
        "kommunen ansvarar inte för frågan",
        "die Gemeinde ist für die Sache nicht zuständig",
    ),
    "withheld_advertising": ("it was advertising", "den var reklame", "den var reklam", "sie war Werbung"),
    "withheld_other": ("another reason", "en anden grund", "ett annat skäl", "ein anderer Grund"),
    "withheld_by_reason": (
        "Withheld ideas by reason",
        "Tilbageholdte idéer efter grund",
        "Innehållna idéer efter skäl",
        "Zurückgehaltene Ideen nach Grund",
    ),
    "community_figures": (
        "Questions answered by the community: {answered}, of which confirmed by a department: {confirmed}.",
        "Spørgsmål besvaret af andre borgere: {answered}, heraf bekræftet af en forvaltning: {confirmed}.",
        "Frågor besvarade av andra invånare: {answered}, varav bekräftade av en förvaltning: {confirmed}.",
        "Von anderen beantwortete Fragen: {answered}, davon von einem Fachbereich bestätigt: {confirmed}.",
    ),
    "reopened": ("Reopened", "Genåbnet", "Återöppnad", "Wieder geöffnet"),
    "duplicate_of": ("Duplicate of", "Dublet af", "Dubblett av", "Duplikat von"),
    "merged_here": (
        "Merged into this idea",
        "Samlet under denne idé",
        "Sammanslagna med denna idé",
        "In diese Idee zusammengeführt",
    ),
    "related": ("Related ideas", "Relaterede idéer", "Relaterade idéer", "Ähnliche Ideen"),
    "support_this": ("Support this idea", "Støt denne idé", "Stöd denna idé", "Diese Idee unterstützen"),
    "files_history": (
        "Files and history in the public repository",
        "Filer og historik i det offentlige arkiv",
        "Filer och historik i det öppna arkivet",
        "Dateien und Verlauf im öffentlichen Archiv",
    ),
    "due": ("Answer due by {date}", "Svar forfalder {date}", "Svar senast {date}", "Antwort fällig bis {date}"),
    "met": ("Answered in time", "Besvaret til tiden", "Besvarad i tid", "Fristgerecht beantwortet"),
    "late": ("Answered late", "Besvaret for sent", "Besvarad för sent", "Verspätet beantwortet"),
    "key_figures": ("Key figures", "Nøgletal", "Nyckeltal", "Kennzahlen"),
    "count_ideas": ("ideas and questions", "idéer og spørgsmål", "idéer och frågor", "Ideen und Fragen"),
    "share_answered": (
        "have an official answer",
        "har fået et officielt svar",
        "har fått ett officiellt svar",
        "haben eine offizielle Antwort",
    ),
    "median_days": (
        "days to a first answer (median)",
        "dage til første svar (median)",
        "dagar till första svar (median)",
        "Tage bis zur ersten Antwort (Median)",
    ),
    "most_supported": (
        "Most supported open ideas",
        "Mest støttede åbne idéer",
        "Mest stödda öppna idéer",
        "Meistunterstützte offene Ideen",
    ),
    "recently_answered": ("Recently answered", "Senest besvaret", "Senast besvarade", "Zuletzt beantwortet"),
    "none": ("None right now.", "Ingen lige nu.", "Inga just nu.", "Derzeit keine."),
    "no_ideas_yet": ("No ideas yet", "Ingen idéer endnu", "Inga idéer ännu", "Noch keine Ideen"),
    "be_the_first": (
        "Nobody has proposed an idea or asked a question here yet. Be the first: what should change?",
        "Ingen har foreslået en idé eller stillet et spørgsmål her endnu. Vær den første: hvad skal ændres?",
        "Ingen har föreslagit en idé eller ställt en fråga här ännu. Bli den första: vad borde ändras?",
        "Hier hat noch niemand eine Idee vorgeschlagen oder eine Frage gestellt. Machen Sie den Anfang: "
        "Was sollte sich ändern?",
    ),
    "sorted_support": ("Most supported first", "Mest støttede først", "Mest stödda först", "Meistunterstützte zuerst"),
    "sorted_date": ("Newest first", "Nyeste først", "Nyaste först", "Neueste zuerst"),
    "search": (
        "Search ideas and answers",
        "Søg i idéer og svar",
        "Sök bland idéer och svar",
        "Ideen und Antworten durchsuchen",
    ),
    "search_button": ("Search", "Søg", "Sök", "Suchen"),
    "per_month": (
        "Ideas and questions per month",
        "Idéer og spørgsmål pr. måned",
        "Idéer och frågor per månad",
        "Ideen und Fragen pro Monat",
    ),
    "status_distribution": ("Current status", "Nuværende status", "Nuvarande status", "Aktueller Status"),
    "response_times": (
        "Median days to a first answer, per department",
        "Mediantid i dage til første svar pr. forvaltning",
        "Mediantid i dagar till första svar per förvaltning",
        "Median der Tage bis zur ersten Antwort je Fachbereich",
    ),
    "in_time_share": (
        "Due answers given in time",
        "Forfaldne svar givet til tiden",
        "Förfallna svar givna i tid",
        "Fällige Antworten fristgerecht gegeben",
    ),
    "month": ("Month", "Måned", "Månad", "Monat"),
    "count": ("Number", "Antal", "Antal", "Anzahl"),
    "days": ("Days", "Dage", "Dagar", "Tage"),
    "share": ("Share", "Andel", "Andel", "Anteil"),
    "propose_intro": (
        "Before you write a new idea, see whether someone already had it: "
        "matching ideas and answers appear as you type.",
        "Før du skriver en ny idé, så se om andre har haft den: idéer og svar, der ligner, vises mens du skriver.",
        "Innan du skriver en ny idé, se om någon redan haft den: liknande idéer och svar visas medan du skriver.",
        "Bevor Sie eine neue Idee schreiben, sehen Sie nach, ob es sie schon gibt: passende Ideen und Antworten "
        "erscheinen beim Tippen.",
    ),
    "matches": (
        "Existing ideas that match",
        "Eksisterende idéer, der ligner",
        "Befintliga idéer som liknar",
        "Passende vorhandene Ideen",
    ),
    "no_js": (
        "Without JavaScript, browse the lists to find similar ideas before you submit.",
        "Uden JavaScript kan du gennemse listerne for at finde lignende idéer, før du indsender.",
        "Utan JavaScript kan du bläddra i listorna för att hitta liknande idéer innan du skickar in.",
        "Ohne JavaScript finden Sie ähnliche Ideen in den Listen, bevor Sie einreichen.",
    ),
    "data_intro": (
        "All content of this portal is open data, updated with every publication.",
        "Alt indhold på portalen er åbne data og opdateres ved hver udgivelse.",
        "Allt innehåll i portalen är öppna data och uppdateras vid varje publicering.",
        "Alle Inhalte dieses Portals sind offene Daten und werden bei jeder Veröffentlichung aktualisiert.",
    ),
    "feeds": ("Feeds", "Feeds", "Flöden", "Feeds"),
    "feed_ideas": ("New ideas (Atom)", "Nye idéer (Atom)", "Nya idéer (Atom)", "Neue Ideen (Atom)"),
    "feed_answers": (
        "Official answers (Atom)",
        "Officielle svar (Atom)",
        "Officiella svar (Atom)",
        "Offizielle Antworten (Atom)",
    ),
    "history": ("History", "Historik", "Historik", "Verlauf"),
    "changes": ("Changes", "Ændringer", "Ändringar", "Änderungen"),
    "changes_intro": (
        "New answers, status changes and revised answers, newest first, as recorded in the public Git history.",
        "Nye svar, statusændringer og rettede svar, nyeste først, som de står i den offentlige Git-historik.",
        "Nya svar, statusändringar och ändrade svar, nyaste först, enligt den öppna Git-historiken.",
        "Neue Antworten, Statusänderungen und überarbeitete Antworten, neueste zuerst, laut öffentlichem Git-Verlauf.",
    ),
    "history_unavailable": (
        "The change history is not shown on this copy of the site.",
        "Ændringshistorikken vises ikke på denne udgave af sitet.",
        "Ändringshistoriken visas inte på den här versionen av webbplatsen.",
        "Der Änderungsverlauf wird in dieser Version der Website nicht angezeigt.",
    ),
    "event_submitted": ("Submitted", "Indsendt", "Inskickad", "Eingereicht"),
    "event_answered": ("Official answer", "Officielt svar", "Officiellt svar", "Offizielle Antwort"),
    "event_revised": (
        "Published answer revised",
        "Offentliggjort svar rettet",
        "Publicerat svar ändrat",
        "Veröffentlichte Antwort überarbeitet",
    ),
    "event_moderated": ("Text moderated", "Tekst redigeret af moderator", "Text modererad", "Text moderiert"),
    "event_renamed": ("Moved", "Flyttet", "Flyttad", "Verschoben"),
    "event_removed": ("Removed", "Fjernet", "Borttagen", "Entfernt"),
    "revised_mark": (
        "revised {date} — see what changed",
        "rettet {date} — se hvad der blev ændret",
        "ändrat {date} — se vad som ändrades",
        "überarbeitet am {date} — Änderungen ansehen",
    ),
    "removed_ideas": ("Removed ideas", "Fjernede idéer", "Borttagna idéer", "Entfernte Ideen"),
    "all_departments": ("All departments", "Alle forvaltninger", "Alla förvaltningar", "Alle Fachbereiche"),
    "commit": ("Commit", "Commit", "Commit", "Commit"),
    "by": ("by", "af", "av", "von"),
    # --- Citizen's site, part 2: statistics, changes, feeds, open data, staff pages (issue 11) ---
    "statistics_intro": (
        "How many ideas arrive, where they stand and how quickly each department answers. Every number links to "
        "the ideas behind it.",
        "Hvor mange idéer der kommer ind, hvor de står, og hvor hurtigt hver forvaltning svarer. Hvert tal linker "
        "til idéerne bag det.",
        "Hur många idéer som kommer in, var de står och hur snabbt varje förvaltning svarar. Varje tal länkar till "
        "idéerna bakom det.",
        "Wie viele Ideen eingehen, wo sie stehen und wie schnell jeder Fachbereich antwortet. Jede Zahl verweist "
        "auf die Ideen dahinter.",
    ),
    "stats_departments": (
        "Answers per department",
        "Svar pr. forvaltning",
        "Svar per förvaltning",
        "Antworten je Fachbereich",
    ),
    "stats_in_time": ("Answered in time", "Besvaret til tiden", "Besvarade i tid", "Fristgerecht beantwortet"),
    "stats_median": (
        "Median days to a first answer",
        "Mediantid i dage til første svar",
        "Mediantid i dagar till första svar",
        "Median Tage bis zur ersten Antwort",
    ),
    "stats_overdue": ("Overdue now", "Forsinkede nu", "Försenade nu", "Jetzt überfällig"),
    "change_new_answer": ("New answer", "Nyt svar", "Nytt svar", "Neue Antwort"),
    "change_status": (
        "Status changed: {before} → {after}",
        "Status ændret: {before} → {after}",
        "Status ändrad: {before} → {after}",
        "Status geändert: {before} → {after}",
    ),
    "change_revised": (
        "Published answer revised",
        "Offentliggjort svar rettet",
        "Publicerat svar ändrat",
        "Veröffentlichte Antwort überarbeitet",
    ),
    "change_revised_status": (
        "Answer revised: {before} → {after}",
        "Svar rettet: {before} → {after}",
        "Svar ändrat: {before} → {after}",
        "Antwort überarbeitet: {before} → {after}",
    ),
    "change_withdrawn": (
        "Published answer withdrawn",
        "Offentliggjort svar trukket tilbage",
        "Publicerat svar återkallat",
        "Veröffentlichte Antwort zurückgezogen",
    ),
    "change_removed": (
        "Idea removed (its status was {status})",
        "Idé fjernet (dens status var {status})",
        "Idé borttagen (dess status var {status})",
        "Idee entfernt (ihr Status war {status})",
    ),
    "removed_idea": ("Removed idea", "Fjernet idé", "Borttagen idé", "Entfernte Idee"),
    "all_statuses": ("All statuses", "Alle statusser", "Alla statusar", "Alle Status"),
    "changes_shown": (
        "{shown} of {total} changes shown",
        "{shown} af {total} ændringer vist",
        "{shown} av {total} ändringar visas",
        "{shown} von {total} Änderungen angezeigt",
    ),
    "follow_changes": (
        "Get them in a feed reader.",
        "Få dem i en feedlæser.",
        "Få dem i en flödesläsare.",
        "In einem Feedreader erhalten.",
    ),
    "follow_page": ("How to follow", "Sådan følger du med", "Så följer du", "So bleiben Sie informiert"),
    "follow_page_intro": (
        "You do not have to come back to this site to see what happened. A feed reader is an app or website that "
        "collects news from the sites you follow and shows it in one place. Many e-mail programs can read feeds too, "
        "and free feed readers exist for every phone and computer. You need no account on this site.",
        "Du behøver ikke komme tilbage til siden for at se, hvad der er sket. En feedlæser er en app eller "
        "hjemmeside, der samler nyheder fra de sider, du følger, og viser dem ét sted. Mange e-mailprogrammer kan "
        "også læse feeds, og der findes gratis feedlæsere til alle telefoner og computere. Du behøver ingen konto "
        "her.",
        "Du behöver inte komma tillbaka hit för att se vad som hänt. En flödesläsare är en app eller webbplats som "
        "samlar nyheter från sidor du följer och visar dem på ett ställe. Många e-postprogram kan också läsa flöden, "
        "och det finns gratis flödesläsare för alla telefoner och datorer. Du behöver inget konto här.",
        "Sie müssen nicht auf diese Seite zurückkehren, um zu sehen, was passiert ist. Ein Feedreader ist eine App "
        "oder Website, die Neuigkeiten der Seiten sammelt, denen Sie folgen, und sie an einem Ort zeigt. Auch viele "
        "E-Mail-Programme lesen Feeds, und für jedes Telefon und jeden Computer gibt es kostenlose Feedreader. Ein "
        "Konto auf dieser Seite brauchen Sie nicht.",
    ),
    "follow_page_how": (
        "To follow a feed, copy its address (the links below) and add it in your feed reader, usually under "
        "“Add feed” or “Subscribe”. Opened directly in a browser, a feed shows as code: that is expected.",
        "For at følge et feed kopierer du dets adresse (linkene nedenfor) og tilføjer den i din feedlæser, som "
        "regel under “Tilføj feed” eller “Abonnér”. Åbnet direkte i en browser vises et feed som kode: det er "
        "meningen.",
        "För att följa ett flöde kopierar du dess adress (länkarna nedan) och lägger till den i din flödesläsare, "
        "oftast under ”Lägg till flöde” eller ”Prenumerera”. Öppnat direkt i en webbläsare visas ett flöde som kod: "
        "det är väntat.",
        "Um einem Feed zu folgen, kopieren Sie seine Adresse (die Links unten) und fügen sie in Ihrem Feedreader "
        "hinzu, meist unter „Feed hinzufügen“ oder „Abonnieren“. Direkt im Browser geöffnet, erscheint ein Feed als "
        "Code: das ist so gewollt.",
    ),
    "follow_page_feeds": ("Feeds of this portal", "Portalens feeds", "Portalens flöden", "Die Feeds dieses Portals"),
    "follow_page_idea": ("Follow one idea", "Følg én idé", "Följ en idé", "Einer einzelnen Idee folgen"),
    "follow_page_idea_text": (
        "Every idea has its own feed with its answers and any later change to them. Its address is on the idea's "
        "page, under “Follow this idea”. For example:",
        "Hver idé har sit eget feed med dens svar og senere ændringer af dem. Adressen står på idéens side under "
        "“Følg denne idé”. For eksempel:",
        "Varje idé har ett eget flöde med dess svar och senare ändringar av dem. Adressen finns på idéns sida under "
        "”Följ denna idé”. Till exempel:",
        "Jede Idee hat einen eigenen Feed mit ihren Antworten und späteren Änderungen daran. Die Adresse steht auf "
        "der Seite der Idee unter „Dieser Idee folgen“. Zum Beispiel:",
    ),
    "follow_page_without": (
        "Without a feed reader, the Changes page lists the same news, newest first.",
        "Uden en feedlæser viser siden Ændringer de samme nyheder, nyeste først.",
        "Utan flödesläsare visar sidan Ändringar samma nyheter, nyaste först.",
        "Ohne Feedreader zeigt die Seite Änderungen dieselben Neuigkeiten, neueste zuerst.",
    ),
    "feed_changes": (
        "Status changes and revised answers (Atom)",
        "Statusændringer og rettede svar (Atom)",
        "Statusändringar och ändrade svar (Atom)",
        "Statusänderungen und überarbeitete Antworten (Atom)",
    ),
    "feed_of": ("{title} (Atom)", "{title} (Atom)", "{title} (Atom)", "{title} (Atom)"),
    "data_file": ("File", "Fil", "Fil", "Datei"),
    "data_size": ("Size", "Størrelse", "Storlek", "Größe"),
    "data_rows": ("Rows", "Rækker", "Rader", "Zeilen"),
    "data_contents": ("Contents", "Indhold", "Innehåll", "Inhalt"),
    "data_schema": ("Schema", "Skema", "Schema", "Schema"),
    "data_licence": ("Licence", "Licens", "Licens", "Lizenz"),
    "data_licence_text": (
        "All files are published under {licence}: you may copy, change and reuse them for any purpose without asking.",
        "Alle filer udgives under {licence}: du må kopiere, ændre og genbruge dem til ethvert formål uden at spørge.",
        "Alla filer publiceras under {licence}: du får kopiera, ändra och återanvända dem för alla ändamål utan att "
        "fråga.",
        "Alle Dateien stehen unter {licence}: Sie dürfen sie ohne Nachfrage für jeden Zweck kopieren, ändern und "
        "weiterverwenden.",
    ),
    "data_kb": ("{n} kB", "{n} kB", "{n} kB", "{n} kB"),
    "data_table_schema": (
        "Table Schema in datapackage.json",
        "Table Schema i datapackage.json",
        "Table Schema i datapackage.json",
        "Table Schema in datapackage.json",
    ),
    "data_fields": ("Fields of {file}", "Felter i {file}", "Fält i {file}", "Felder von {file}"),
    "data_field": ("Field", "Felt", "Fält", "Feld"),
    "data_type": ("Type", "Type", "Typ", "Typ"),
    "data_ideas_csv": (
        "One row per idea or question: status, category, department, support and whether it was answered in time.",
        "Én række pr. idé eller spørgsmål: status, kategori, forvaltning, støtte og om det blev besvaret til tiden.",
        "En rad per idé eller fråga: status, kategori, förvaltning, stöd och om den besvarades i tid.",
        "Eine Zeile je Idee oder Frage: Status, Kategorie, Fachbereich, Unterstützung und ob fristgerecht "
        "beantwortet wurde.",
    ),
    "data_ideas_json": (
        "The same ideas as ideas.csv, as JSON, with tags as lists.",
        "De samme idéer som ideas.csv, som JSON, med emneord som lister.",
        "Samma idéer som ideas.csv, som JSON, med taggar som listor.",
        "Dieselben Ideen wie ideas.csv, als JSON, mit Schlagwörtern als Listen.",
    ),
    "data_answers_json": (
        "Every official answer with its text, date, department and status, oldest first per idea.",
        "Alle officielle svar med tekst, dato, forvaltning og status, ældste først pr. idé.",
        "Alla officiella svar med text, datum, förvaltning och status, äldsta först per idé.",
        "Alle offiziellen Antworten mit Text, Datum, Fachbereich und Status, je Idee die älteste zuerst.",
    ),
    "data_votes_csv": (
        "Support per idea and day, as counts only: no supporter can be identified.",
        "Støtte pr. idé og dag, kun som antal: ingen støtter kan identificeres.",
        "Stöd per idé och dag, endast som antal: ingen stödjare kan identifieras.",
        "Unterstützung je Idee und Tag, nur als Anzahl: niemand lässt sich identifizieren.",
    ),
    "data_community_csv": (
        "Answers citizens gave each other, not official, with the department's confirmation where there is one.",
        "Svar, som borgere har givet hinanden, ikke officielle, med forvaltningens bekræftelse, hvor der er en.",
        "Svar som invånare gett varandra, inte officiella, med förvaltningens bekräftelse där det finns en.",
        "Antworten, die Bürgerinnen und Bürger einander gaben, nicht amtlich, mit Bestätigung des Fachbereichs, "
        "wo es eine gibt.",
    ),
    "data_datapackage_json": (
        "Describes every file above (Frictionless Data Package): fields, types, keys and licence.",
        "Beskriver alle filerne ovenfor (Frictionless Data Package): felter, typer, nøgler og licens.",
        "Beskriver alla filer ovan (Frictionless Data Package): fält, typer, nycklar och licens.",
        "Beschreibt alle Dateien oben (Frictionless Data Package): Felder, Typen, Schlüssel und Lizenz.",
    ),
    "data_schemas": (
        "JSON Schemas of the content files: how an idea, answer or vote file is written.",
        "JSON-skemaer for indholdsfilerne: hvordan en idé-, svar- eller støttefil skrives.",
        "JSON-scheman för innehållsfilerna: hur en idé-, svar- eller stödfil skrivs.",
        "JSON-Schemas der Inhaltsdateien: wie eine Ideen-, Antwort- oder Unterstützungsdatei aufgebaut ist.",
    ),
    "page_about": ("About the portal", "Om portalen", "Om portalen", "Über das Portal"),
    "page_rules": ("Rules for contributions", "Regler for bidrag", "Regler för bidrag", "Regeln für Beiträge"),
    "page_privacy": ("Privacy", "Privatliv og persondata", "Integritet och personuppgifter", "Datenschutz"),
    "page_accessibility": (
        "Accessibility statement",
        "Tilgængelighedserklæring",
        "Tillgänglighetsredogörelse",
        "Erklärung zur Barrierefreiheit",
    ),
    "site_pages": ("About this site", "Om siden", "Om webbplatsen", "Über diese Website"),
    # --- Citizen's site: home, idea page, lists, backlogs, keyboard, 404 (issue 11) ---
    "tagline": (
        "On {site} you can propose ideas and ask questions, support other people's ideas and read the official "
        "answers.",
        "På {site} kan du foreslå idéer og stille spørgsmål, støtte andres idéer og læse de officielle svar.",
        "På {site} kan du föreslå idéer och ställa frågor, stödja andras idéer och läsa de officiella svaren.",
        "Auf {site} können Sie Ideen vorschlagen und Fragen stellen, die Ideen anderer unterstützen und die "
        "offiziellen Antworten lesen.",
    ),
    "propose_or_ask": (
        "Propose an idea or ask a question",
        "Foreslå en idé eller stil et spørgsmål",
        "Föreslå en idé eller ställ en fråga",
        "Idee vorschlagen oder Frage stellen",
    ),
    "browse": (
        "Browse ideas and questions",
        "Se idéer og spørgsmål",
        "Bläddra bland idéer och frågor",
        "Ideen und Fragen ansehen",
    ),
    "follow_decisions": ("Follow decisions", "Følg afgørelserne", "Följ besluten", "Entscheidungen verfolgen"),
    "waiting": ("Waiting for an answer", "Venter på svar", "Väntar på svar", "Warten auf Antwort"),
    "waiting_per_department": (
        "Waiting per department",
        "Venter pr. forvaltning",
        "Väntar per förvaltning",
        "Wartend je Fachbereich",
    ),
    "overdue_count_one": ("{n} overdue", "{n} forsinket", "{n} försenad", "{n} überfällig"),
    "overdue_count_other": ("{n} overdue", "{n} forsinkede", "{n} försenade", "{n} überfällig"),
    "see_all_waiting": (
        "See everything waiting for an answer",
        "Se alt, der venter på svar",
        "Se allt som väntar på svar",
        "Alles ansehen, was auf Antwort wartet",
    ),
    "backlog_title": (
        "{department}: waiting for an answer",
        "{department}: venter på svar",
        "{department}: väntar på svar",
        "{department}: wartet auf Antwort",
    ),
    "backlog_intro": (
        "Ideas and questions this department has not answered yet, overdue first, then the longest waiting.",
        "Idéer og spørgsmål, som forvaltningen endnu ikke har besvaret: forsinkede først, derefter dem, der har "
        "ventet længst.",
        "Idéer och frågor som förvaltningen ännu inte har besvarat: försenade först, sedan de som väntat längst.",
        "Ideen und Fragen, die der Fachbereich noch nicht beantwortet hat: überfällige zuerst, dann die am längsten "
        "wartenden.",
    ),
    "backlogs": (
        "Waiting for an answer, per department",
        "Venter på svar, pr. forvaltning",
        "Väntar på svar, per förvaltning",
        "Warten auf Antwort, je Fachbereich",
    ),
    "waiting_days_one": ("waiting {n} day", "har ventet {n} dag", "har väntat {n} dag", "wartet seit {n} Tag"),
    "waiting_days_other": ("waiting {n} days", "har ventet {n} dage", "har väntat {n} dagar", "wartet seit {n} Tagen"),
    "overdue_days_one": (
        "Answer overdue by {n} day",
        "Svar forsinket i {n} dag",
        "Svaret försenat med {n} dag",
        "Antwort seit {n} Tag überfällig",
    ),
    "overdue_days_other": (
        "Answer overdue by {n} days",
        "Svar forsinket i {n} dage",
        "Svaret försenat med {n} dagar",
        "Antwort seit {n} Tagen überfällig",
    ),
    "duty_due": (
        "The municipality answers by {date} at the latest",
        "Kommunen svarer senest {date}",
        "Kommunen svarar senast {date}",
        "Die Kommune antwortet spätestens am {date}",
    ),
    "support": ("Support", "Støtte", "Stöd", "Unterstützung"),
    "support_progress": (
        "{count} of the {threshold} supporters that oblige an official answer",
        "{count} af de {threshold} støtter, der udløser et officielt svar",
        "{count} av de {threshold} stödjare som utlöser ett officiellt svar",
        "{count} von {threshold} Unterstützungen, ab denen eine offizielle Antwort fällig ist",
    ),
    "support_reached": (
        "Reached {threshold} supporters on {date}: an official answer is due.",
        "Nåede {threshold} støtter {date}: der skal gives et officielt svar.",
        "Nådde {threshold} stödjare {date}: ett officiellt svar ska ges.",
        "Am {date} {threshold} Unterstützungen erreicht: eine offizielle Antwort ist fällig.",
    ),
    "follow": ("Follow this idea", "Følg denne idé", "Följ denna idé", "Dieser Idee folgen"),
    "follow_intro": (
        "A feed reader is an app or website that collects news from the sites you follow. Add this idea's feed "
        "to one, and every new answer reaches you there.",
        "En feedlæser er en app eller hjemmeside, der samler nyheder fra de sider, du følger. Tilføj denne idés "
        "feed, så får du hvert nyt svar dér.",
        "En flödesläsare är en app eller webbplats som samlar nyheter från sidor du följer. Lägg till den här "
        "idéns flöde, så får du varje nytt svar där.",
        "Ein Feedreader ist eine App oder Website, die Neuigkeiten der Seiten sammelt, denen Sie folgen. Fügen Sie "
        "den Feed dieser Idee hinzu, dann erreicht Sie dort jede neue Antwort.",
    ),
    "feed_address": (
        "Address of this idea's feed (Atom)",
        "Adressen på denne idés feed (Atom)",
        "Adressen till idéns flöde (Atom)",
        "Adresse des Feeds dieser Idee (Atom)",
    ),
    "status_change": ("Status changed", "Status ændret", "Status ändrad", "Status geändert"),
    "filter": ("Filter", "Filtrér", "Filtrera", "Filtern"),
    "kind": ("Type", "Type", "Typ", "Art"),
    "any": ("All", "Alle", "Alla", "Alle"),
    "sort": ("Order", "Rækkefølge", "Ordning", "Reihenfolge"),
    "sorted_waiting": (
        "Longest waiting first",
        "Længst ventende først",
        "Längst väntande först",
        "Am längsten wartend zuerst",
    ),
    "show": ("Show", "Vis", "Visa", "Anzeigen"),
    "shown": ("{n} shown", "{n} vist", "{n} visas", "{n} angezeigt"),
    "clear_filters": ("Show all", "Vis alle", "Visa alla", "Alle anzeigen"),
    "search_words": ("Words", "Ord", "Ord", "Wörter"),
    "skip": ("Skip to content", "Gå til indholdet", "Hoppa till innehållet", "Zum Inhalt springen"),
    "made_with": ("Made with", "Lavet med", "Skapad med", "Erstellt mit"),
    "to_dark": ("Switch to dark mode", "Skift til mørk tilstand", "Byt till mörkt läge", "Zum dunklen Modus wechseln"),
    "to_light": ("Switch to light mode", "Skift til lys tilstand", "Byt till ljust läge", "Zum hellen Modus wechseln"),
    "not_found": ("Page not found", "Siden findes ikke", "Sidan finns inte", "Seite nicht gefunden"),
    "not_found_text": (
        "The address may be mistyped, or the page has moved. Search for what you were looking for, or go on from here:",
        "Adressen kan være skrevet forkert, eller siden er flyttet. Søg efter det, du ledte efter, eller gå videre "
        "herfra:",
        "Adressen kan vara felskriven, eller så har sidan flyttats. Sök efter det du letade efter, eller gå vidare "
        "härifrån:",
        "Die Adresse ist vielleicht falsch geschrieben, oder die Seite ist umgezogen. Suchen Sie, was Sie gesucht "
        "haben, oder gehen Sie von hier weiter:",
    ),
    "answered_on": ("Answered {date}", "Besvaret {date}", "Besvarad {date}", "Beantwortet am {date}"),
    "channel_web": ("Website", "Hjemmeside", "Webbplats", "Website"),
    "channel_email": ("E-mail", "E-mail", "E-post", "E-Mail"),
    "channel_letter": ("Letter", "Brev", "Brev", "Brief"),
    "channel_meeting": ("Public meeting", "Borgermøde", "Medborgarmöte", "Bürgerversammlung"),
    "channel_phone": ("Phone", "Telefon", "Telefon", "Telefon"),
    "channel_employee": ("Staff", "Medarbejder", "Medarbetare", "Mitarbeitende"),
    # Taking part without an account: support (generator/support.py) and the Propose page's hand-over.
    "support_this_question": (
        "Support this question",
        "Støt dette spørgsmål",
        "Stöd denna fråga",
        "Diese Frage unterstützen",
    ),
    "support_by_form": (
        "Support in the municipality's form",
        "Støt i kommunens formular",
        "Stöd i kommunens formulär",
        "Im Formular der Gemeinde unterstützen",
    ),
    "support_by_forge": (
        "Support with a thumbs-up on {forge}",
        "Støt med en tommel op på {forge}",
        "Stöd med en tumme upp på {forge}",
        "Mit „Daumen hoch“ auf {forge} unterstützen",
    ),
    "support_by_email": ("Support by e-mail", "Støt via e-mail", "Stöd via e-post", "Per E-Mail unterstützen"),
    "support_how_form": (
        "You confirm who you are in the municipality's own form. Each person counts once; no name is published.",
        "Du bekræfter, hvem du er, i kommunens egen formular. Hver person tæller én gang; intet navn offentliggøres.",
        "Du bekräftar vem du är i kommunens eget formulär. Varje person räknas en gång, och inget namn publiceras.",
        "Sie bestätigen im Formular der Gemeinde, wer Sie sind. Jede Person zählt einmal, kein Name wird publiziert.",
    ),
    "support_how_forge": (
        "Give the idea's issue on {forge} a thumbs-up (👍; a free {forge} account is needed). "
        "A daily import counts each account once; account names are not published.",
        "Giv idéens sag på {forge} en tommel op (👍; det kræver en gratis konto på {forge}). "
        "En daglig import tæller hver konto én gang; kontonavne offentliggøres ikke.",
        "Ge idéns ärende på {forge} en tumme upp (👍; det kräver ett gratis konto på {forge}). "
        "En daglig import räknar varje konto en gång; kontonamn publiceras inte.",
        "Geben Sie dem Issue der Idee auf {forge} ein „Daumen hoch“ (👍; dafür braucht es ein kostenloses "
        "{forge}-Konto). Ein täglicher Import zählt jedes Konto einmal; Kontonamen werden nicht veröffentlicht.",
    ),
    "support_how_email": (
        "Send the prepared e-mail to {address} as it is. Staff count one support per sender; "
        "addresses are never published.",
        "Send den forberedte e-mail til {address}, som den er. Medarbejderne tæller én støtte pr. afsender; "
        "adresser offentliggøres aldrig.",
        "Skicka det förberedda e-postmeddelandet till {address} som det är. Personalen räknar ett stöd per "
        "avsändare; adresser publiceras aldrig.",
        "Senden Sie die vorbereitete E-Mail unverändert an {address}. Die Verwaltung zählt eine Unterstützung "
        "je Absender; Adressen werden nie veröffentlicht.",
    ),
    "support_how_offline": (
        "In person: {where}. Staff count these supports and add them as a total.",
        "Personligt: {where}. Medarbejderne tæller disse støtter og lægger dem til som et samlet tal.",
        "Personligen: {where}. Personalen räknar dessa stöd och lägger till dem som en summa.",
        "Persönlich: {where}. Die Verwaltung zählt diese Unterstützungen und trägt sie als Summe ein.",
    ),
    "support_other_ways": (
        "Other ways to support",
        "Andre måder at støtte",
        "Andra sätt att stödja",
        "Andere Wege zu unterstützen",
    ),
    "support_closed": (
        "Support is closed: the status is {status}.",
        "Støtte er lukket: status er {status}.",
        "Stöd är stängt: statusen är {status}.",
        "Unterstützung ist geschlossen: der Status ist {status}.",
    ),
    "support_mail_subject": (
        "Support for {id}: {title}",
        "Støtte til {id}: {title}",
        "Stöd för {id}: {title}",
        "Unterstützung für {id}: {title}",
    ),
    "support_mail_body": (
        "I support idea {id}: {title}",
        "Jeg støtter idé {id}: {title}",
        "Jag stöder idé {id}: {title}",
        "Ich unterstütze die Idee {id}: {title}",
    ),
    "propose_kind": (
        "What do you want to send?",
        "Hvad vil du sende?",
        "Vad vill du skicka?",
        "Was möchten Sie senden?",
    ),
    "propose_title": ("Title (one line)", "Titel (én linje)", "Titel (en rad)", "Titel (eine Zeile)"),
    "propose_text": ("Your text", "Din tekst", "Din text", "Ihr Text"),
    "propose_category": ("Category", "Kategori", "Kategori", "Kategorie"),
    "propose_any_category": ("Choose a category", "Vælg en kategori", "Välj en kategori", "Kategorie wählen"),
    "propose_send": ("Send your proposal", "Send dit forslag", "Skicka ditt förslag", "Ihren Vorschlag senden"),
    "propose_channels_intro": (
        "Nothing is sent from this page: each way below opens another service with your text filled in, "
        "and you send it there. Staff read every proposal before it is published.",
        "Intet sendes fra denne side: hver vej nedenfor åbner en anden tjeneste med din tekst udfyldt, "
        "og du sender den derfra. Medarbejderne læser hvert forslag, før det offentliggøres.",
        "Inget skickas från denna sida: varje väg nedan öppnar en annan tjänst med din text ifylld, "
        "och du skickar den därifrån. Personalen läser varje förslag innan det publiceras.",
        "Diese Seite sendet nichts: jeder Weg unten öffnet einen anderen Dienst mit Ihrem Text, "
        "und Sie senden ihn dort ab. Die Verwaltung liest jeden Vorschlag vor der Veröffentlichung.",
    ),
    "propose_by_form": (
        "Send it in the municipality's form",
        "Send det i kommunens formular",
        "Skicka det i kommunens formulär",
        "Im Formular der Gemeinde senden",
    ),
    "propose_by_forge": ("Send it on {forge}", "Send det på {forge}", "Skicka det på {forge}", "Auf {forge} senden"),
    "propose_by_email": (
        "Send it by e-mail to {address}",
        "Send det med e-mail til {address}",
        "Skicka det med e-post till {address}",
        "Per E-Mail an {address} senden",
    ),
    "propose_how_form": (
        "The municipality's own form; no account needed.",
        "Kommunens egen formular; ingen konto nødvendig.",
        "Kommunens eget formulär; inget konto behövs.",
        "Das eigene Formular der Gemeinde; kein Konto nötig.",
    ),
    "propose_how_forge": (
        "Public at once, in the portal's repository on {forge}; needs a free {forge} account.",
        "Offentligt med det samme i portalens arkiv på {forge}; kræver en gratis konto på {forge}.",
        "Offentligt direkt, i portalens arkiv på {forge}; kräver ett gratis konto på {forge}.",
        "Sofort öffentlich, im Archiv des Portals auf {forge}; braucht ein kostenloses {forge}-Konto.",
    ),
    "propose_how_email": (
        "Your e-mail program opens with the text; no account needed. Your address is not published.",
        "Dit e-mailprogram åbner med teksten; ingen konto nødvendig. Din adresse offentliggøres ikke.",
        "Ditt e-postprogram öppnas med texten; inget konto behövs. Din adress publiceras inte.",
        "Ihr E-Mail-Programm öffnet sich mit dem Text; kein Konto nötig. Ihre Adresse wird nicht veröffentlicht.",
    ),
    "propose_no_js": (
        "Without JavaScript, the text you type here is not carried over: open one of the ways below "
        "and write your proposal there.",
        "Uden JavaScript følger teksten, du skriver her, ikke med: åbn en af vejene nedenfor og skriv dit forslag der.",
        "Utan JavaScript följer texten du skriver här inte med: öppna en av vägarna nedan och skriv ditt förslag där.",
        "Ohne JavaScript wird der hier geschriebene Text nicht übernommen: öffnen Sie einen der Wege unten und "
        "schreiben Sie Ihren Vorschlag dort.",
    ),
    "propose_too_long": (
        "Your text is too long to be carried over by {way}: the link holds only the title. "
        "Copy the text below and paste it in.",
        "Din tekst er for lang til at blive overført via {way}: linket har kun titlen med. "
        "Kopiér teksten nedenfor og indsæt den.",
        "Din text är för lång för att föras över via {way}: länken har bara med titeln. "
        "Kopiera texten nedan och klistra in den.",
        "Ihr Text ist zu lang für {way}: der Link enthält nur den Titel. "
        "Kopieren Sie den Text unten und fügen Sie ihn dort ein.",
    ),
    "propose_copy": ("Copy the text", "Kopiér teksten", "Kopiera texten", "Text kopieren"),
    "propose_copy_label": (
        "Your whole proposal, to copy",
        "Hele dit forslag, til at kopiere",
        "Hela ditt förslag, att kopiera",
        "Ihr ganzer Vorschlag zum Kopieren",
    ),
    "propose_copied": ("Copied.", "Kopieret.", "Kopierat.", "Kopiert."),
    "propose_copy_select": (
        "Selected: press Ctrl+C (⌘+C on a Mac) to copy.",
        "Markeret: tryk Ctrl+C (⌘+C på Mac) for at kopiere.",
        "Markerat: tryck Ctrl+C (⌘+C på Mac) för att kopiera.",
        "Markiert: drücken Sie Strg+C (⌘+C auf dem Mac) zum Kopieren.",
    ),
    "propose_blocked": (
        "Your text seems to contain {kinds}. Everything you send becomes public: remove it, then send.",
        "Din tekst ser ud til at indeholde {kinds}. Alt, du sender, bliver offentligt: fjern det, og send så.",
        "Din text verkar innehålla {kinds}. Allt du skickar blir offentligt: ta bort det och skicka sedan.",
        "Ihr Text scheint {kinds} zu enthalten. Alles, was Sie senden, wird öffentlich: entfernen Sie es, dann senden.",
    ),
    "propose_need_title": (
        "Write a title of at least 3 characters first.",
        "Skriv først en titel på mindst 3 tegn.",
        "Skriv först en titel på minst 3 tecken.",
        "Schreiben Sie zuerst einen Titel mit mindestens 3 Zeichen.",
    ),
    "pii_email": ("an e-mail address", "en e-mailadresse", "en e-postadress", "eine E-Mail-Adresse"),
    "pii_phone": ("a phone number", "et telefonnummer", "ett telefonnummer", "eine Telefonnummer"),
    "pii_cpr": ("a CPR number", "et CPR-nummer", "ett danskt personnummer (CPR)", "eine dänische CPR-Nummer"),
    "pii_personnummer": (
        "a Swedish personnummer",
        "et svensk personnummer",
        "ett personnummer",
        "eine schwedische Personennummer",
    ),
    "pii_iban": (
        "a bank account number (IBAN)",
        "et kontonummer (IBAN)",
        "ett kontonummer (IBAN)",
        "eine Kontonummer (IBAN)",
    ),
    "pii_and": ("and", "og", "och", "und"),
}


def strings(language: str) -> dict[str, str]:
    """Every UI string in `language` (English for a language the table lacks)."""
    column = LANGUAGES.index(language) if language in LANGUAGES else 0
    return {key: values[column] for key, values in _STRINGS.items()}


def plural_text(key: str, count: int, language: str) -> str:
    """The `<key>_one` or `<key>_other` string for `count`, by the language's plural rule."""
    form = Locale.parse(language if language in LANGUAGES else "en").plural_form(count)
    table = strings(language)
    return table[f"{key}_one" if form == "one" else f"{key}_other"].format(n=number_text(count, language))


def localised(names: dict[str, str], language: str) -> str:
    """A taxonomy name in `language`, else English, else whichever it has."""
    return names.get(language) or names.get("en") or next(iter(names.values()))


def date_text(day: dt.date, language: str) -> str:
    """A date as people of `language` write it, e.g. 3. marts 2026."""
    return format_date(day, format="long", locale=language)


def number_text(value: float, language: str) -> str:
    """A number with the language's separators."""
    return format_decimal(value, locale=language)


def percent_text(value: float, language: str) -> str:
    """A share (0–1) as a percentage in the language's style."""
    return format_percent(value, locale=language)


def supporters_text(count: int, language: str) -> str:
    """`1 supporter` / `12 supporters`, by the language's plural rule."""
    return plural_text("supporters", count, language)

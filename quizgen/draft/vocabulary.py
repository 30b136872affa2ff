"""Word lists `draft` reads prose with: stopwords, titles, demonyms, a small gazetteer of
countries, cities and regions, given names and the heads of organisation and place names.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _names(text: str) -> frozenset[str]:
    """Comma-separated names (some have spaces)."""
    return frozenset(name.strip() for name in text.split(",") if name.strip())


STOPWORDS = word_set(
    """a about above across after afterwards again against all almost along also although
    always am among an and another any are around as at be became because become been before
    being below between both but by can cannot could did do does doing done down during each
    either else even ever every few for from further had has have having he her here hers
    herself him himself his how however i if in into is it its itself just last least less
    many may me meanwhile might more moreover most much must my near neither never nevertheless
    next no nor not now of off often on once one only onto or other others our ours out over
    own per perhaps rather same several she should since so some still such than that the
    their theirs them then there therefore these they this those though through throughout
    thus to today together too toward towards under unless until up upon us very via was we
    well were what whatever when where whether which while who whom whose why will with within
    without would yet you your yesterday tomorrow recently earlier later finally first second
    third already indeed instead likely also amid amidst despite including regarding like"""
)


# Verbs that say the word before them is a subject, for "Who ... ?" questions.
AUXILIARIES = word_set(
    """is was are were has have had will would can could may might must should shall does did
    do remains remained became becomes"""
)


# A person is the subject of these.
PERSON_VERBS = word_set(
    """said says told tells wrote writes argued argues stated states announced announces
    explained explains insisted insists warned warns added adds recalled recalls discovered
    invented painted composed founded married died"""
)


# Sentences opening with these lean on the sentence before ("This commitment was made...").
ANAPHORIC_OPENERS = word_set("this these that those it its they their such he she his her")
ANAPHORIC_INSIDE = re.compile(r"\b(?:[Tt]his|[Tt]hese|[Tt]hose|[Ss]uch(?! as\b))\s+[a-z]")
TITLES = [
    tuple(title.split())
    for title in _names(
        """President, Vice President, Prime Minister, Deputy Prime Minister, Foreign Minister,
        Defence Minister, Defense Minister, Minister, Secretary, Secretary of State,
        Secretary-General, Chancellor, Premier, King, Queen, Prince, Princess, Emperor, Empress,
        Pope, Sir, Dame, Admiral, Colonel, Captain, Commander, Field Marshal, Senator,
        Governor, Mayor, Ambassador, Professor, Chief Justice, Archbishop, Bishop, Sheikh, Dr.,
        Mr., Mrs., Ms., Prof., Gen., Sen., Gov., Rep., Lt., Col., Capt., Sgt., Rev., Former,
        Acting, President-elect"""
    )
]


TITLES.sort(key=len, reverse=True)
DEMONYMS = word_set(
    """Afghan Albanian Algerian American Americans Argentine Argentinian Armenian Australian
    Austrian Azerbaijani Belarusian Belgian Bolivian Bosnian Brazilian British Bulgarian
    Cambodian Canadian Canadians Chilean Chinese Colombian Croatian Cuban Czech Danish Dutch
    Egyptian English Estonian Ethiopian European Europeans Filipino Finnish French Georgian
    German Germans Ghanaian Greek Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish
    Israeli Italian Japanese Jordanian Kazakh Kenyan Korean Kurdish Latvian Lebanese Libyan
    Lithuanian Malaysian Mexican Moldovan Mongolian Moroccan Nigerian Norwegian Pakistani
    Palestinian Peruvian Polish Portuguese Romanian Russian Russians Saudi Scottish Serbian
    Slovak Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Thai Tunisian
    Turkish Ukrainian Ukrainians Venezuelan Vietnamese Welsh Yemeni Western Eastern Soviet
    Arab Arabic African Asian Latin Nordic Baltic Balkan Caribbean"""
)
COUNTRIES = _names(
    """Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria,
    Azerbaijan, Bahamas, Bahrain, Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan,
    Bolivia, Bosnia, Bosnia and Herzegovina, Botswana, Brazil, Britain, Great Britain, Brunei,
    Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile, China, Colombia,
    Congo, Costa Rica, Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Djibouti,
    Dominican Republic, Ecuador, Egypt, El Salvador, England, Eritrea, Estonia, Eswatini,
    Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana, Greece, Guatemala,
    Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
    Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait, Kyrgyzstan, Laos,
    Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar,
    Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Moldova, Monaco,
    Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Namibia, Nepal, Netherlands,
    New Zealand, Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman,
    Pakistan, Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland,
    Portugal, Qatar, Romania, Russia, Rwanda, Saudi Arabia, Scotland, Senegal, Serbia,
    Sierra Leone, Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea,
    South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden, Switzerland, Syria, Taiwan,
    Tajikistan, Tanzania, Thailand, Togo, Tunisia, Turkey, Turkmenistan, Uganda, Ukraine,
    United Arab Emirates, United Kingdom, United States, United States of America, Uruguay,
    Uzbekistan, Vatican, Venezuela, Vietnam, Wales, Yemen, Zambia, Zimbabwe, U.S., US, USA,
    U.S.A., UK, U.K., UAE, America, Soviet Union, USSR"""
)
CITIES = _names(
    """Kyiv, Kiev, Kharkiv, Odesa, Odessa, Lviv, Dnipro, Mariupol, Kherson, Zaporizhzhia,
    Bakhmut, Moscow, St. Petersburg, Minsk, Warsaw, Berlin, Paris, London, Rome, Madrid,
    Lisbon, Vienna, Prague, Budapest, Bucharest, Sofia, Athens, Istanbul, Ankara, Brussels,
    Amsterdam, The Hague, Geneva, Zurich, Stockholm, Oslo, Helsinki, Copenhagen, Dublin,
    Edinburgh, Tallinn, Riga, Vilnius, Chisinau, Tbilisi, Yerevan, Baku, Washington,
    New York, Los Angeles, Chicago, Boston, San Francisco, Houston, Miami, Ottawa, Toronto,
    Montreal, Vancouver, Mexico City, Havana, Bogota, Lima, Santiago, Buenos Aires,
    Sao Paulo, Rio de Janeiro, Brasilia, Cairo, Lagos, Nairobi, Addis Ababa, Johannesburg,
    Cape Town, Tehran, Baghdad, Damascus, Beirut, Jerusalem, Tel Aviv, Gaza, Riyadh, Dubai,
    Doha, Kabul, Islamabad, Delhi, New Delhi, Mumbai, Beijing, Shanghai, Hong Kong, Tokyo,
    Seoul, Pyongyang, Taipei, Bangkok, Hanoi, Jakarta, Manila, Singapore, Sydney, Melbourne,
    Canberra, Auckland, Wellington, Houston, Athens, Alexandria, Carthage, Sparta, Babylon"""
)
REGIONS = _names(
    """Crimea, Donbas, Donbass, Donetsk, Luhansk, Siberia, Chechnya, Kashmir, Tibet, Catalonia,
    Flanders, Bavaria, Balkans, Caucasus, Scandinavia, Europe, Asia, Africa, Antarctica,
    Arctic, Oceania, North America, South America, Latin America, Middle East, Eurasia,
    Black Sea, Baltic Sea, Mediterranean, Atlantic, Pacific, Sahara, Amazon, Nile, Danube,
    Dnieper, Alps, Himalayas, Andes, Moon, Mars, Venus, Jupiter, Saturn, Mercury, Earth"""
)
PLACES = COUNTRIES | CITIES | REGIONS


# Names of one place: never offered as wrong options for each other.
ALIASES = {
    alias: group[0]
    for group in (
        ("United States", "U.S.", "US", "USA", "U.S.A.", "United States of America", "America"),
        ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
        ("Soviet Union", "USSR"),
        ("Kyiv", "Kiev"),
        ("Odesa", "Odessa"),
        ("Donbas", "Donbass"),
        ("Czechia", "Czech Republic"),
    )
    for alias in group
}


# Common given names: "Neil Armstrong" is a person even with no title before it.
GIVEN_NAMES = word_set(
    """Aaron Abraham Ada Adam Adrian Ahmed Alan Albert Alexander Alexei Alexandra Alfred Ali
    Alice Amelia Ana Andrew Andrei Angela Ann Anna Anne Antonio Arthur Barack Benjamin Bernard
    Bill Boris Buzz Carl Carlos Caroline Catherine Charles Charlotte Christopher Claude Daniel
    David Dmitry Donald Edward Elena Elizabeth Emily Emma Emmanuel Eric Ernest Eva Fatima
    Francis Franklin Frederick Friedrich George Georg Grace Hannah Harry Helen Henry Hillary
    Hugo Ibrahim Igor Isaac Ivan Jacques Jack James Jane Javier Jean Jennifer Jimmy Joe Johann
    John Jonathan Jose Joseph Juan Julia Julius Karl Kamala Katherine Keir Kim Laura Leo
    Leonardo Liam Louis Lucy Ludwig Luis Margaret Maria Marie Mark Martin Mary Matthew Michael
    Mikhail Mohammed Muhammad Nancy Napoleon Natalia Neil Nelson Nicholas Nicolas Nikita
    Nikola Oleksandr Olena Olaf Oliver Olga Omar Otto Pablo Patrick Paul Pedro Peter Petro
    Pierre Rachel Richard Robert Ronald Rosa Sally Samuel Sarah Sergei Sergey Simon Sophia
    Stephen Steven Susan Thomas Theodore Theresa Tim Ursula Valentina Victor Victoria Viktor
    Vincent Vladimir Volodymyr Walter William Winston Wolfgang Xi Yuri Yulia Zhang"""
)
ORG_HEADS = word_set(
    """Agency Alliance Assembly Association Authority Bank Board Bureau Command Commission
    Committee Company Congress Corporation Council Court Department Federation Forces Foundation
    Fund Group Guard Inc. Institute Ltd League Ministry Movement Navy Army Office Organization
    Organisation Parliament Party Senate Service Society Union University College School
    Council Coalition Parliament Cabinet Duma Rada Kremlin Pentagon Corp. Co. Network Program
    Programme Observatory Laboratory Museum"""
)
PLACE_HEADS = word_set(
    """River Mountains Mountain Mount Lake Sea Ocean Island Islands Peninsula Valley Desert
    City County Province Region Oblast Street Square Bay Gulf Strait Canal Plain Plateau Coast"""
)
TREATY_NOUNS = word_set(
    """agreement agreements accord accords treaty treaties protocol protocols declaration
    convention conventions memorandum pact doctrine"""
)
NAME_CONNECTORS = word_set("of de del der den van von da di du la le al bin ibn y")
NEVER_NAMES = word_set(
    """I OK January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"""
)
PLACE_PREPOSITIONS = word_set("in near across throughout inside outside")

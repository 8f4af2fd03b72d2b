"""The ready surveys, built from the outcomes in the seed programmes (professional identity,
coping and joy of work, recovery, boundaries, self-esteem, communication; mentors often gain
more than mentees). Texts are data in three languages; a programme gets editable copies."""

# (kind, audience): (title fi/sv/en, [(kind, fi, sv, en)])
S, T = "scale", "text"

COMMON_END = [
    (
        S,
        "Suosittelisin mentorointia työkaverille.",
        "Jag skulle rekommendera mentorskap till en kollega.",
        "I would recommend mentoring to a colleague.",
    ),
    (T, "Mitä muuta haluat sanoa?", "Vad vill du mer säga?", "Anything else you want to say?"),
]

CHECKPOINT = [
    (S, "Tapaamisemme ovat olleet hyödyllisiä.", "Våra möten har varit till nytta.", "Our meetings have been useful."),
    (
        S,
        "Sovimme tavoitteista, jotka sopivat minulle.",
        "Vi har kommit överens om mål som passar mig.",
        "We agreed on goals that suit me.",
    ),
    (
        S,
        "Keskustelemme luottamuksellisesti ja avoimesti.",
        "Vi talar förtroligt och öppet.",
        "We talk in confidence and openly.",
    ),
    (
        T,
        "Mitä haluaisit muuttaa jatkossa?",
        "Vad skulle du vilja ändra framöver?",
        "What would you like to change from now on?",
    ),
]

MENTEE_OUTCOMES = [
    (
        S,
        "Mentorointi on vahvistanut ammatti-identiteettiäni.",
        "Mentorskapet har stärkt min yrkesidentitet.",
        "Mentoring has strengthened my professional identity.",
    ),
    (
        S,
        "Mentorointi on auttanut minua jaksamaan työssä.",
        "Mentorskapet har hjälpt mig att orka i arbetet.",
        "Mentoring has helped me cope at work.",
    ),
    (S, "Koen enemmän iloa työstäni.", "Jag känner mer glädje i mitt arbete.", "I feel more joy in my work."),
    (S, "Palaudun työstä paremmin.", "Jag återhämtar mig bättre från arbetet.", "I recover from work better."),
    (
        S,
        "Osaan asettaa työlleni rajoja.",
        "Jag kan sätta gränser för mitt arbete.",
        "I can set boundaries for my work.",
    ),
    (
        S,
        "Itsetuntoni työssä on vahvistunut.",
        "Min självkänsla i arbetet har stärkts.",
        "My self-esteem at work has grown.",
    ),
    (
        S,
        "Vuorovaikutustaitoni ovat kehittyneet.",
        "Mina färdigheter i kommunikation har utvecklats.",
        "My communication skills have developed.",
    ),
    (S, "Saavutin tavoitteeni.", "Jag nådde mina mål.", "I reached my goals."),
]

MENTOR_OUTCOMES = [
    (
        S,
        "Sain mentoroinnista uusia näkökulmia omaan työhöni.",
        "Mentorskapet gav mig nya perspektiv på mitt eget arbete.",
        "Mentoring gave me new perspectives on my own work.",
    ),
    (
        S,
        "Mentorointi on antanut minulle iloa työhön.",
        "Mentorskapet har gett mig glädje i arbetet.",
        "Mentoring has given me joy in my work.",
    ),
    (
        S,
        "Vuorovaikutustaitoni ovat kehittyneet.",
        "Mina färdigheter i kommunikation har utvecklats.",
        "My communication skills have developed.",
    ),
    (
        S,
        "Aktorini eteni tavoitteissaan.",
        "Min adept kom vidare mot sina mål.",
        "My mentee progressed towards their goals.",
    ),
    (
        S,
        "Mentoroinnin ajankäyttö sopi työhöni.",
        "Tidsanvändningen för mentorskapet passade mitt arbete.",
        "The time used for mentoring fitted my work.",
    ),
]

IDEAS = [
    (
        T,
        "Mitä kehittämisehdotuksia mentoroinnista syntyi työyhteisöllesi?",
        "Vilka utvecklingsförslag för din arbetsgemenskap kom ur mentorskapet?",
        "What development ideas for your workplace came out of mentoring?",
    ),
]

READY = {
    ("checkpoint", "mentee"): (("Väliarvio", "Avstämning", "Checkpoint"), CHECKPOINT),
    ("checkpoint", "mentor"): (("Väliarvio", "Avstämning", "Checkpoint"), CHECKPOINT),
    ("follow_up", "mentee"): (
        ("Seurantakysely aktoreille", "Uppföljningsenkät för adepter", "Follow-up survey for mentees"),
        MENTEE_OUTCOMES[:4] + COMMON_END,
    ),
    ("follow_up", "mentor"): (
        ("Seurantakysely mentoreille", "Uppföljningsenkät för mentorer", "Follow-up survey for mentors"),
        MENTOR_OUTCOMES[:3] + COMMON_END,
    ),
    ("final", "mentee"): (
        ("Loppukysely aktoreille", "Slutenkät för adepter", "Final survey for mentees"),
        MENTEE_OUTCOMES + IDEAS + COMMON_END,
    ),
    ("final", "mentor"): (
        ("Loppukysely mentoreille", "Slutenkät för mentorer", "Final survey for mentors"),
        MENTOR_OUTCOMES + IDEAS + COMMON_END,
    ),
}

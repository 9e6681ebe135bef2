namespace OnePlace.Synthetic.People;

/// <summary>The naming traditions a synthetic person's names are drawn from, chosen from their ethnic category.</summary>
internal enum NameTradition
{
    English,
    Welsh,
    SouthAsianMuslim,
    SouthAsianIndian,
    BlackAfrican,
    BlackCaribbean,
    EasternEuropean,
    Chinese,
}

/// <summary>
/// Built-in name lists, written for this project (common names in England and Wales in the relevant
/// communities; not copied from any dataset). Older English given names are used for people born before 1960 so
/// that nicknames such as Margaret → Peggy occur where they would.
/// </summary>
internal static class NameLists
{
    private static readonly string[] EnglishOlderFemale =
    [
        "Margaret", "Patricia", "Susan", "Linda", "Christine", "Elizabeth", "Mary", "Janet", "Barbara", "Jean",
        "Dorothy", "Joan", "Sheila", "Brenda", "Maureen", "Pauline", "Kathleen", "Valerie", "Ann", "Carol",
        "Sandra", "Jacqueline", "Doreen", "Irene", "Eileen", "Joyce", "Betty", "Gillian", "Marion", "Sylvia",
        "Edna", "Gladys", "Iris", "Vera", "Wendy", "Rita",
    ];

    private static readonly string[] EnglishOlderMale =
    [
        "John", "David", "Michael", "Peter", "Robert", "William", "James", "Brian", "Anthony", "Kenneth",
        "Alan", "Derek", "Keith", "Roy", "Colin", "Raymond", "Geoffrey", "Dennis", "Ronald", "Barry",
        "Terence", "Trevor", "Graham", "Frederick", "Albert", "Harold", "Stephen", "Richard", "Thomas", "Edward",
        "Leonard", "Stanley", "Norman", "Arthur", "Gordon", "Malcolm",
    ];

    private static readonly string[] EnglishYoungerFemale =
    [
        "Emma", "Sophie", "Olivia", "Amelia", "Jessica", "Charlotte", "Emily", "Hannah", "Lucy", "Chloe",
        "Rebecca", "Sarah", "Laura", "Katherine", "Rachel", "Victoria", "Gemma", "Kelly", "Lisa", "Nicola",
        "Samantha", "Stephanie", "Jennifer", "Amy", "Lauren", "Megan", "Ellie", "Grace", "Isla", "Freya",
        "Deborah", "Helen", "Joanne", "Claire", "Michelle", "Julie", "Karen", "Tracey", "Alice", "Poppy",
    ];

    private static readonly string[] EnglishYoungerMale =
    [
        "Oliver", "Jack", "Harry", "George", "Charlie", "Thomas", "James", "William", "Daniel", "Matthew",
        "Joshua", "Samuel", "Benjamin", "Alexander", "Christopher", "Andrew", "Mark", "Paul", "Stephen", "Lee",
        "Craig", "Jamie", "Ryan", "Liam", "Luke", "Adam", "Callum", "Noah", "Leo", "Alfie",
        "Jacob", "Ethan", "Dean", "Gary", "Darren", "Michael", "Robert", "Richard", "Joseph", "Edward",
    ];

    private static readonly string[] WelshFemale =
    [
        "Angharad", "Bethan", "Carys", "Catrin", "Cerys", "Eleri", "Ffion", "Gwen", "Gwenllian", "Llinos",
        "Mair", "Megan", "Nia", "Rhian", "Rhiannon", "Sian", "Lowri", "Mererid", "Elin", "Non",
    ];

    private static readonly string[] WelshMale =
    [
        "Aled", "Alun", "Bryn", "Cai", "Dafydd", "Dylan", "Emyr", "Gareth", "Geraint", "Gethin",
        "Gwilym", "Huw", "Iestyn", "Ieuan", "Ifan", "Llywelyn", "Owain", "Rhodri", "Rhys", "Trefor",
    ];

    private static readonly string[] MuslimFemale =
    [
        "Aisha", "Amina", "Ayesha", "Fatima", "Hina", "Khadija", "Maryam", "Nadia", "Noor", "Rukhsana",
        "Saima", "Samina", "Shabana", "Sadia", "Yasmin", "Zainab", "Zara", "Nasreen", "Shazia", "Iqra",
    ];

    private static readonly string[] MuslimMale =
    [
        "Mohammed", "Muhammad", "Ahmed", "Ali", "Hassan", "Hussain", "Imran", "Tariq", "Zahid", "Asif",
        "Bilal", "Faisal", "Hamza", "Ibrahim", "Irfan", "Kamran", "Nadeem", "Rashid", "Shahid", "Usman",
        "Abdul", "Yusuf",
    ];

    private static readonly string[] IndianFemale =
    [
        "Gurpreet", "Harpreet", "Jaspreet", "Manpreet", "Simran", "Kiran", "Priya", "Pooja", "Anjali", "Sunita",
        "Rajinder", "Kamaljit", "Parminder", "Navneet", "Deepa", "Neha", "Meena", "Amrit",
    ];

    private static readonly string[] IndianMale =
    [
        "Harjit", "Jaswinder", "Sukhwinder", "Rajesh", "Sanjay", "Amit", "Vikram", "Arjun", "Ravi", "Sunil",
        "Manjit", "Baljit", "Kuldip", "Ranjit", "Deepak", "Anil", "Harvinder", "Rohan",
    ];

    private static readonly string[] AfricanFemale =
    [
        "Abena", "Adaeze", "Amara", "Chidinma", "Ebun", "Folake", "Ifeoma", "Ngozi", "Nkechi", "Precious",
        "Temitope", "Blessing", "Chiamaka", "Esther", "Grace",
    ];

    private static readonly string[] AfricanMale =
    [
        "Abiodun", "Chinedu", "Chukwuemeka", "Emeka", "Kwame", "Kofi", "Olumide", "Oluwaseun", "Segun", "Tunde",
        "Samuel", "Emmanuel", "Daniel", "Joseph", "Godfrey",
    ];

    private static readonly string[] CaribbeanFemale =
    [
        "Marcia", "Beverley", "Sonia", "Janice", "Claudette", "Hyacinth", "Jasmine", "Tanisha", "Shanice", "Monique",
    ];

    private static readonly string[] CaribbeanMale =
    [
        "Winston", "Delroy", "Errol", "Leroy", "Clifton", "Desmond", "Marlon", "Tyrone", "Jermaine", "Andre",
    ];

    private static readonly string[] EasternEuropeanFemale =
    [
        "Agnieszka", "Anna", "Katarzyna", "Magdalena", "Monika", "Joanna", "Ewa", "Ioana", "Elena", "Andreea",
        "Marta", "Kristina",
    ];

    private static readonly string[] EasternEuropeanMale =
    [
        "Piotr", "Tomasz", "Krzysztof", "Pawel", "Marek", "Andrzej", "Lukasz", "Mihai", "Andrei", "Ion",
        "Marius", "Jakub",
    ];

    private static readonly string[] ChineseFemale = ["Mei", "Xiaoling", "Yan", "Hui", "Jing", "Ying", "Lin", "Fang"];

    private static readonly string[] ChineseMale = ["Wei", "Jun", "Hao", "Ming", "Lei", "Jian", "Tao", "Bo"];

    private static readonly string[] EnglishSurnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward",
        "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James",
        "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell",
        "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
        "Cox", "Richards", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Wilkinson", "Foster", "Chapman",
        "Powell", "Webb", "Rogers", "Gray", "Mason", "Hunt", "Campbell", "Matthews", "Owen", "Palmer",
        "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens",
        "Jenkins", "Murray", "Dixon", "Harvey", "Graham", "Pearson", "Fletcher", "Walsh", "Gibson", "Howard",
        "Andrews", "Stewart", "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day",
        "Brooks", "West", "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Dawson", "Ball", "Burton",
        "O'Brien", "Watts", "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis",
        "Hayes", "Hart", "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe",
        "Page", "Marsh", "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland",
        "Hawkins", "Harding", "Porter", "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird", "Gardner",
        "Whitehouse", "Tonks", "Hickman", "Hackett", "Aston", "Bayliss", "Astbury", "Dudley", "Smith-Jones", "Wheeler",
        "Potter", "Osborne", "Doyle", "Wallace", "Jordan", "Hutchinson", "Rowe", "Burke", "Higgins", "Stevenson",
    ];

    private static readonly string[] WelshSurnames =
    [
        "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Lewis", "Hughes", "Morgan", "Griffiths",
        "Edwards", "Owen", "Price", "Lloyd", "Jenkins", "Rees", "Powell", "Pugh", "Parry", "Pritchard",
        "Bowen", "Vaughan", "Howells", "Prosser", "Preece", "Probert", "Gwynne", "Meredith", "Llewellyn", "Watkins",
        "Morris", "Phillips", "James", "Rowlands", "Humphreys", "Jarman", "Bevan", "Maddocks", "Tudor", "Breeze",
    ];

    private static readonly string[] MuslimSurnames =
    [
        "Khan", "Ahmed", "Ali", "Hussain", "Akhtar", "Iqbal", "Mahmood", "Rashid", "Shah", "Mirza",
        "Qureshi", "Butt", "Malik", "Aslam", "Rahman", "Uddin", "Miah", "Islam", "Choudhury", "Hossain",
        "Sheikh", "Siddiqui", "Chaudhry", "Bashir", "Yousaf",
    ];

    private static readonly string[] IndianSurnames =
    [
        "Patel", "Singh", "Sharma", "Sandhu", "Gill", "Dhillon", "Sidhu", "Bains", "Johal", "Kumar",
        "Mistry", "Parmar", "Chauhan", "Bhatti", "Virdee", "Sahota", "Atwal", "Basra", "Mann", "Lal",
    ];

    private static readonly string[] AfricanSurnames =
    [
        "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Asante", "Boateng", "Adebayo", "Oluwole", "Nwosu", "Eze",
        "Ogunleye", "Owusu", "Mwangi", "Banda", "Moyo",
    ];

    private static readonly string[] CaribbeanSurnames =
    [
        "Campbell", "Brown", "Williams", "Thompson", "Francis", "Grant", "Reid", "Johnson", "Clarke", "Henry",
        "Bailey", "Lewis", "Morgan", "Richards", "Gordon",
    ];

    private static readonly string[] EasternEuropeanSurnames =
    [
        "Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Popescu", "Ionescu", "Popa",
        "Horvath", "Novak",
    ];

    private static readonly string[] ChineseSurnames = ["Wang", "Li", "Zhang", "Chen", "Liu", "Wong", "Chan", "Lam", "Cheung", "Ho"];

    /// <summary>Streets found in most English and Welsh towns; each profile adds local ones.</summary>
    public static readonly IReadOnlyList<string> CommonStreets =
    [
        "Church Road", "High Street", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
        "Mill Lane", "School Lane", "The Avenue", "Queens Road", "New Road", "Grange Road", "Kings Road",
        "Bridge Street", "Albert Street", "Springfield Road", "Windsor Road", "Oak Road", "Elm Grove",
        "Beech Close", "Ash Drive", "Willow Way", "Cedar Avenue", "Holly Lane", "Meadow View", "Brook Street",
        "Hill Street", "Mount Pleasant", "Orchard Close", "Pool Street", "Lodge Lane", "Chapel Street",
        "Heath Road", "Broadway", "Castle Street", "Market Street", "Union Street", "Canal Street", "Farm Road",
    ];

    public static (IReadOnlyList<string> Female, IReadOnlyList<string> Male) GivenNames(NameTradition tradition, int birthYear) =>
        tradition switch
        {
            NameTradition.English when birthYear < 1960 => (EnglishOlderFemale, EnglishOlderMale),
            NameTradition.English => (EnglishYoungerFemale, EnglishYoungerMale),
            NameTradition.Welsh => (WelshFemale, WelshMale),
            NameTradition.SouthAsianMuslim => (MuslimFemale, MuslimMale),
            NameTradition.SouthAsianIndian => (IndianFemale, IndianMale),
            NameTradition.BlackAfrican => (AfricanFemale, AfricanMale),
            NameTradition.BlackCaribbean when birthYear < 1975 => (CaribbeanFemale, CaribbeanMale),
            NameTradition.BlackCaribbean => (EnglishYoungerFemale, EnglishYoungerMale),
            NameTradition.EasternEuropean => (EasternEuropeanFemale, EasternEuropeanMale),
            _ => (ChineseFemale, ChineseMale),
        };

    public static IReadOnlyList<string> Surnames(NameTradition tradition) => tradition switch
    {
        NameTradition.English => EnglishSurnames,
        NameTradition.Welsh => WelshSurnames,
        NameTradition.SouthAsianMuslim => MuslimSurnames,
        NameTradition.SouthAsianIndian => IndianSurnames,
        NameTradition.BlackAfrican => AfricanSurnames,
        NameTradition.BlackCaribbean => CaribbeanSurnames,
        NameTradition.EasternEuropean => EasternEuropeanSurnames,
        _ => ChineseSurnames,
    };

    /// <summary>Every surname, for maiden names (people marry across traditions too).</summary>
    public static readonly IReadOnlyList<string> AllSurnames =
        EnglishSurnames.Concat(WelshSurnames).Concat(MuslimSurnames).Concat(IndianSurnames).Concat(AfricanSurnames)
            .Concat(EasternEuropeanSurnames).Concat(ChineseSurnames).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Familiar forms of given names, as they appear on records taken by voluntary groups or at the front desk.
    /// Written for this project from common English and Welsh usage.
    /// </summary>
    private static readonly Dictionary<string, string[]> Nicknames = new(StringComparer.Ordinal)
    {
        ["William"] = ["Bill", "Will", "Billy"],
        ["Robert"] = ["Bob", "Rob", "Bobby"],
        ["Margaret"] = ["Peggy", "Maggie", "Meg"],
        ["Elizabeth"] = ["Liz", "Beth", "Betty"],
        ["Richard"] = ["Dick", "Rich"],
        ["James"] = ["Jim", "Jimmy", "Jamie"],
        ["John"] = ["Jack", "Johnny"],
        ["Thomas"] = ["Tom", "Tommy"],
        ["Edward"] = ["Ted", "Eddie", "Ed"],
        ["Katherine"] = ["Kate", "Kathy"],
        ["Kathleen"] = ["Kath", "Kathy"],
        ["Susan"] = ["Sue", "Susie"],
        ["Patricia"] = ["Pat", "Trish"],
        ["Jennifer"] = ["Jenny", "Jen"],
        ["Michael"] = ["Mike", "Mick"],
        ["Christopher"] = ["Chris"],
        ["Anthony"] = ["Tony"],
        ["Joseph"] = ["Joe"],
        ["Daniel"] = ["Dan", "Danny"],
        ["Matthew"] = ["Matt"],
        ["Andrew"] = ["Andy", "Drew"],
        ["Stephen"] = ["Steve"],
        ["David"] = ["Dave", "Davy"],
        ["Peter"] = ["Pete"],
        ["Samuel"] = ["Sam"],
        ["Benjamin"] = ["Ben"],
        ["Alexander"] = ["Alex"],
        ["Deborah"] = ["Debbie", "Debs"],
        ["Rebecca"] = ["Becky"],
        ["Victoria"] = ["Vicky"],
        ["Jacqueline"] = ["Jackie"],
        ["Christine"] = ["Chris", "Chrissie"],
        ["Dorothy"] = ["Dot", "Dolly"],
        ["Mary"] = ["Molly", "Polly"],
        ["Ann"] = ["Annie"],
        ["Frederick"] = ["Fred", "Freddie"],
        ["Albert"] = ["Bert", "Albie"],
        ["Harold"] = ["Harry"],
        ["Charlie"] = ["Charles"],
        ["Kenneth"] = ["Ken", "Kenny"],
        ["Ronald"] = ["Ron", "Ronnie"],
        ["Terence"] = ["Terry"],
        ["Raymond"] = ["Ray"],
        ["Leonard"] = ["Len", "Lenny"],
        ["Stanley"] = ["Stan"],
        ["Gillian"] = ["Gill"],
        ["Valerie"] = ["Val"],
        ["Samantha"] = ["Sam"],
        ["Nicola"] = ["Nicky"],
        ["Joshua"] = ["Josh"],
        ["Gwenllian"] = ["Gwen"],
        ["Dafydd"] = ["Dai", "Dave"],
        ["Llywelyn"] = ["Llew"],
        ["Rhiannon"] = ["Rhi"],
        ["Mohammed"] = ["Mo"],
        ["Muhammad"] = ["Mo"],
        ["Oluwaseun"] = ["Seun"],
        ["Chukwuemeka"] = ["Emeka"],
        ["Katarzyna"] = ["Kasia"],
        ["Agnieszka"] = ["Aga"],
        ["Gurpreet"] = ["Preet"],
        ["Jaswinder"] = ["Jas"],
    };

    public static IReadOnlyList<string>? NicknamesOf(string givenName) =>
        Nicknames.TryGetValue(givenName, out string[]? names) ? names : null;

    /// <summary>The name tradition for an NHS ethnic category letter (with some mixing, as in life).</summary>
    public static NameTradition TraditionFor(char ethnicity, double welshShare, double u) => ethnicity switch
    {
        'A' or 'Z' => u < welshShare ? NameTradition.Welsh : NameTradition.English,
        'B' or 'G' => NameTradition.English,
        'C' => u < 0.7 ? NameTradition.EasternEuropean : NameTradition.English,
        'D' or 'M' => NameTradition.BlackCaribbean,
        'E' => u < 0.5 ? NameTradition.BlackAfrican : NameTradition.English,
        'F' => u < 0.5 ? NameTradition.SouthAsianIndian : NameTradition.English,
        'H' => NameTradition.SouthAsianIndian,
        'J' or 'K' => NameTradition.SouthAsianMuslim,
        'L' => u < 0.5 ? NameTradition.SouthAsianIndian : NameTradition.SouthAsianMuslim,
        'N' => NameTradition.BlackAfrican,
        'P' => u < 0.5 ? NameTradition.BlackAfrican : NameTradition.BlackCaribbean,
        'R' => NameTradition.Chinese,
        _ => u < 0.4 ? NameTradition.SouthAsianMuslim : NameTradition.English,
    };
}

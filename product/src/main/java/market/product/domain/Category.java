package market.product.domain;

/** The fixed category list of the marketplace (Karrot's, 삽니다 included). */
public enum Category {
    DIGITAL("디지털기기", "Digital devices"),
    APPLIANCES("생활가전", "Home appliances"),
    FURNITURE("가구/인테리어", "Furniture/Interior"),
    KITCHEN("생활/주방", "Kitchen/Living"),
    KIDS("유아동", "Kids"),
    KIDS_BOOKS("유아도서", "Kids' books"),
    WOMEN_CLOTHING("여성의류", "Women's clothing"),
    WOMEN_ACCESSORIES("여성잡화", "Women's accessories"),
    MEN_FASHION("남성패션/잡화", "Men's fashion"),
    BEAUTY("뷰티/미용", "Beauty"),
    SPORTS("스포츠/레저", "Sports/Leisure"),
    HOBBY("취미/게임/음반", "Hobbies/Games/Music"),
    BOOKS("도서", "Books"),
    TICKETS("티켓/교환권", "Tickets/Vouchers"),
    PROCESSED_FOOD("가공식품", "Processed food"),
    PET("반려동물용품", "Pet supplies"),
    PLANTS("식물", "Plants"),
    OTHER("기타 중고물품", "Other"),
    WANTED("삽니다", "Wanted");

    private final String nameKo;
    private final String nameEn;

    Category(String nameKo, String nameEn) {
        this.nameKo = nameKo;
        this.nameEn = nameEn;
    }

    public String code() {
        return name();
    }

    public String nameKo() {
        return nameKo;
    }

    public String nameEn() {
        return nameEn;
    }
}

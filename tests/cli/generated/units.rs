//! The units a generated form is for, and the ways people write their names:
//! in a `Tên đơn vị` cell, in the heading block, in the title.

pub struct GenUnit {
    pub code: &'static str,
    pub ministry: bool,
    /// As written in a unit's own cell.
    pub names: &'static [&'static str],
    /// The heading block's first line (the issuing body), upper case.
    pub bodies: &'static [&'static str],
    /// The sectors or agencies of its table rows: none of them is a total.
    pub sectors: &'static [&'static str],
}

const PROVINCE_SECTORS: &[&str] = &[
    "Công Thương",
    "Sở Công Thương",
    "Tư pháp",
    "Y tế",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Cộng đồng dân tộc",
    "Giao thông vận tải",
    "Kế hoạch và Đầu tư",
    "Tổng hợp các sở",
];

const MINISTRY_SECTORS: &[&str] = &[
    "Tổng cục Thủy lợi",
    "Tổng cục Lâm nghiệp",
    "Cục Trồng trọt",
    "Cục Thú y",
    "Tổng cục Thống kê",
    "Cục Quản lý đấu thầu",
    "Văn phòng Bộ",
    "Công Thương",
];

pub const UNITS: &[GenUnit] = &[
    GenUnit {
        code: "T01",
        ministry: false,
        names: &[
            "Hà Nội",
            "Thành phố Hà Nội",
            "TP. Hà Nội",
            "T.P Hà Nội",
            "UBND thành phố Hà Nội",
        ],
        bodies: &[
            "UBND THÀNH PHỐ HÀ NỘI",
            "UBND T.P HÀ NỘI",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        ],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T79",
        ministry: false,
        names: &[
            "TP. Hồ Chí Minh",
            "Thành phố Hồ Chí Minh",
            "TP.HCM",
            "Tp.HCM",
        ],
        bodies: &[
            "UBND TP. HỒ CHÍ MINH",
            "UBND Tp.HCM",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
        ],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T46",
        ministry: false,
        names: &[
            "Thừa Thiên Huế",
            "Thừa Thiên - Huế",
            "Thừa Thiên-Huế",
            "Tỉnh Thừa Thiên Huế",
        ],
        bodies: &[
            "UBND TỈNH THỪA THIÊN HUẾ",
            "ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN - HUẾ",
        ],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T77",
        ministry: false,
        names: &[
            "Bà Rịa - Vũng Tàu",
            "Bà Rịa-Vũng Tàu",
            "Tỉnh Bà Rịa – Vũng Tàu",
        ],
        bodies: &["UBND TỈNH BÀ RỊA - VŨNG TÀU"],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T66",
        ministry: false,
        names: &["Đắk Lắk", "Tỉnh Đắk Lắk", "UBND tỉnh Đắk Lắk"],
        bodies: &["UBND TỈNH ĐẮK LẮK", "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK"],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T27",
        ministry: false,
        names: &[
            "Bắc Ninh",
            "Tỉnh Bắc Ninh",
            "Sở Thông tin và Truyền thông tỉnh Bắc Ninh",
        ],
        bodies: &["UBND TỈNH BẮC NINH"],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "T89",
        ministry: false,
        names: &["An Giang", "Tỉnh An Giang"],
        bodies: &["UBND TỈNH AN GIANG", "ỦY BAN NHÂN DÂN TỈNH AN GIANG"],
        sectors: PROVINCE_SECTORS,
    },
    GenUnit {
        code: "BTP",
        ministry: true,
        names: &["Bộ Tư pháp"],
        bodies: &["BỘ TƯ PHÁP"],
        sectors: MINISTRY_SECTORS,
    },
    GenUnit {
        code: "BLDTBXH",
        ministry: true,
        names: &[
            "Bộ Lao động - Thương binh và Xã hội",
            "Bộ Lao động – Thương binh và Xã hội",
            "Bộ LĐTBXH",
        ],
        bodies: &[
            "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            "BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
        ],
        sectors: MINISTRY_SECTORS,
    },
    GenUnit {
        code: "BKHDT",
        ministry: true,
        names: &[
            "Bộ Kế hoạch và Đầu tư",
            "Văn phòng Bộ Kế hoạch và Đầu tư",
            "Bộ KH&ĐT",
        ],
        bodies: &["BỘ KẾ HOẠCH VÀ ĐẦU TƯ"],
        sectors: MINISTRY_SECTORS,
    },
    GenUnit {
        code: "BNNPTNT",
        ministry: true,
        names: &["Bộ Nông nghiệp và Phát triển nông thôn", "Bộ NN&PTNT"],
        bodies: &["BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN"],
        sectors: MINISTRY_SECTORS,
    },
    GenUnit {
        code: "BHXH",
        ministry: true,
        names: &["Bảo hiểm xã hội Việt Nam", "BHXH Việt Nam"],
        bodies: &["BẢO HIỂM XÃ HỘI VIỆT NAM"],
        sectors: MINISTRY_SECTORS,
    },
];

/// The office under the issuing body in a heading block.
pub fn office(unit: &GenUnit, pick: usize) -> &'static str {
    let offices: &[&str] = if unit.ministry {
        &[
            "CỤC CÔNG NGHỆ THÔNG TIN",
            "VĂN PHÒNG BỘ",
            "TRUNG TÂM TIN HỌC",
        ]
    } else {
        &["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "VĂN PHÒNG", "SỞ TT&TT"]
    };
    offices[pick % offices.len()]
}

"""Dongjak-gu's departments for the demo site (public organisation-chart information)."""

from .models import Department
from .services import department_create

# (code, Korean name, English name, parent code, phone, location, duties)
DEPARTMENTS = [
    ("planning-budget", "기획예산과", "Planning and Budget Division", None, "02-820-1011",
     "본관 5층", "구정 기본계획, 예산 편성, 조례·규칙 심의"),
    ("public-relations", "홍보정책과", "Public Relations Division", None, "02-820-1026",
     "본관 5층", "홈페이지·소셜미디어 운영, 구정 홍보, 언론 대응"),
    ("it-policy", "스마트정보과", "Smart Information Division", None, "02-820-1061",
     "본관 4층", "정보화 사업, 정보보안, 전산장비 운영"),
    ("civil-service", "민원여권과", "Civil Service and Passport Division", None, "02-820-1312",
     "본관 1층", "민원 접수·안내, 여권 발급, 전자민원창구 운영"),
    ("autonomy", "자치행정과", "Community Administration Division", None, "02-820-1188",
     "본관 3층", "동 주민센터 지원, 주민자치회, 통·반 운영"),
    ("traffic", "교통행정과", "Traffic Administration Division", None, "02-820-1463",
     "본관 6층", "교통 정책, 버스정류소, 교통안전시설"),
    ("parking", "주차관리과", "Parking Management Division", "traffic", "02-820-9771",
     "본관 6층", "불법주차 단속, 거주자우선주차, 공영주차장"),
    ("cleaning", "청소행정과", "Sanitation Division", None, "02-820-1364",
     "본관 7층", "생활폐기물 수거, 대형폐기물 배출, 재활용"),
    ("parks", "공원녹지과", "Parks and Greenery Division", None, "02-820-1838",
     "별관 2층", "공원 조성·관리, 가로수, 녹지"),
    ("health-center", "보건소", "Public Health Center", None, "02-820-9420",
     "보건소 1층", "예방접종, 건강검진, 감염병 관리"),
    ("health-management", "건강관리과", "Health Management Division", "health-center",
     "02-820-9442", "보건소 2층", "만성질환 관리, 방문건강관리, 금연클리닉"),
    ("welfare", "복지정책과", "Welfare Policy Division", None, "02-820-1391",
     "본관 2층", "기초생활보장, 긴급복지, 복지 사각지대 발굴"),
    ("disaster-safety", "안전재난과", "Safety and Disaster Division", None, "02-820-1123",
     "본관 4층", "재난 대응, 민방위, 재난문자 안내"),
]  # fmt: skip


def load_departments() -> tuple[int, int]:
    """Create missing demo departments; returns (created, already there)."""
    created = existing = 0
    by_code = {d.code: d for d in Department.objects.all()}
    for code, name_ko, name_en, parent, phone, location, duties in DEPARTMENTS:
        if code in by_code:
            existing += 1
            continue
        by_code[code] = department_create(
            acting_user=None,
            code=code,
            name_ko=name_ko,
            name_en=name_en,
            parent=by_code.get(parent) if parent else None,
            phone=phone,
            email=f"{code}@dongjak.go.kr",
            location=f"동작구청 {location}",
            duties=duties,
            sort_order=len(by_code) * 10,
        )
        created += 1
    return created, existing

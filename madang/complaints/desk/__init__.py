"""The staff desk of the 전자민원창구: work queues (내 민원, 부서 민원, 오늘 기한, 기한 지남,
미배정), bulk assignment, 독촉 (시행령 제28조②) by hand and once per working day, and the
statistics pages (staff and public).

Lists here never show personal data: no complainant columns, titles masked
(조례 제22조①); the detail page with personal data is madang.complaints.admin_handling.
"""
